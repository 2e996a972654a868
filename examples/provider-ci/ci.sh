#!/usr/bin/env bash
# Provider CI against a Pact Broker or PactFlow, in three steps:
#   1. verify the pacts the broker selects for the provider with `numbers-contract verify --broker-url`
#      (Pact's own verifier: consumer version selectors, pending and WIP pacts), and publish the results
#   2. ask the broker whether this version can be deployed: `pact broker can-i-deploy` (official Pact CLI)
#   3. `bash ci.sh record-deployment`, run by the deploy job after it deployed: tells the broker
#
# Environment:
#   PACT_BROKER_BASE_URL    the broker, e.g. https://<your-team>.pactflow.io (required)
#   PACT_BROKER_TOKEN       PactFlow / broker API token, or
#   PACT_BROKER_USERNAME, PACT_BROKER_PASSWORD   basic auth of a self-hosted Pact Broker
#   PACT_PROVIDER           the provider's name in the broker (default sinch-numbers)
#   PROVIDER_BASE_URL       your provider, running; unset: the kit's embedded reference provider
#   STATE_CHANGE_URL        your provider's Pact state-change endpoint (with PROVIDER_BASE_URL)
#   GIT_COMMIT, GIT_BRANCH  the provider version and branch (default: GITHUB_SHA / GITHUB_REF_NAME, else git)
#   DEPLOY_ENVIRONMENT      the environment can-i-deploy and record-deployment name (default production)
#   WIP_SINCE               include work-in-progress pacts published since this date (default 2026-01-01)
#   CI                      results are published only when CI=true (a laptop run verifies only)
#   PACT_CLI                how to run the Pact CLI (default: npx --package=@pact-foundation/pact-cli pact)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
export PACT_DO_NOT_TRACK=true

kit=$(cd ../.. && pwd)
if [ ! -d node_modules ] && [ -f "$kit/src/cli/main.ts" ]; then
  # Inside the kit's repository: run the kit's CLI from source.
  export PATH="$kit/node_modules/.bin:$PATH"
  numbers_contract() { node --import tsx "$kit/src/cli/main.ts" "$@"; }
else
  export PATH="$here/node_modules/.bin:$PATH"
  numbers_contract() { numbers-contract "$@"; }
fi
pact_cli() { ${PACT_CLI:-npx --yes --package=@pact-foundation/pact-cli@18.1.2 -- pact} "$@"; }

if [ -z "${PACT_BROKER_BASE_URL:-}" ]; then
  echo "provider-ci: set PACT_BROKER_BASE_URL (and PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD)" >&2
  exit 2
fi
provider=${PACT_PROVIDER:-sinch-numbers}
environment=${DEPLOY_ENVIRONMENT:-production}
version=${GIT_COMMIT:-${GITHUB_SHA:-$(git rev-parse HEAD 2>/dev/null || true)}}
branch=${GIT_BRANCH:-${GITHUB_HEAD_REF:-${GITHUB_REF_NAME:-$(git rev-parse --abbrev-ref HEAD 2>/dev/null || true)}}}
if [ -z "$version" ] || [ -z "$branch" ]; then
  echo "provider-ci: cannot tell the provider version and branch; set GIT_COMMIT and GIT_BRANCH" >&2
  exit 2
fi

if [ "${1:-}" = "record-deployment" ]; then
  echo "== record-deployment: $provider $version in $environment"
  pact_cli broker record-deployment --pacticipant "$provider" --version "$version" --environment "$environment"
  exit 0
fi

target=()
if [ -n "${PROVIDER_BASE_URL:-}" ]; then
  target=(--provider-base-url "$PROVIDER_BASE_URL")
  if [ -n "${STATE_CHANGE_URL:-}" ]; then target+=(--state-change-url "$STATE_CHANGE_URL"); fi
fi
publish=()
if [ "${CI:-}" = "true" ]; then publish=(--publish --provider-version "$version"); fi

echo "== 1/2 Verify the pacts the broker selects for $provider"
mkdir -p reports
# The broker URL and the credentials are read from the environment; none appears on a command line.
numbers_contract verify --provider "$provider" \
  --main-branch --deployed-or-released \
  --enable-pending --include-wip-pacts-since "${WIP_SINCE:-2026-01-01}" \
  --provider-branch "$branch" "${publish[@]}" "${target[@]}" \
  --junit reports/provider-verification.xml

echo "== 2/2 Can $provider $version be deployed to $environment?"
if [ ${#publish[@]} -eq 0 ]; then
  echo "skipped: results are published only in CI (CI=true), and can-i-deploy needs them"
  exit 0
fi
pact_cli broker can-i-deploy --pacticipant "$provider" --version "$version" --to-environment "$environment" --retry-while-unknown 6 --retry-interval 10
