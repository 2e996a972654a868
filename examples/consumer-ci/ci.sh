#!/usr/bin/env bash
# Consumer CI of the billing service, in four steps:
#   1. its Pact tests: each Sinch Numbers error it handles, run through the kit's harness → pacts/
#   2. the error-coverage gate: `numbers-contract coverage` fails the build below COVERAGE_MIN %
#      and writes coverage.html (the operation × error matrix) for the CI artefacts
#   3. publish the pact to a Pact Broker or PactFlow with the official Pact CLI;
#      skipped (with step 4) when no broker is configured
#   4. `pact broker can-i-deploy`: may this billing version go to DEPLOY_ENVIRONMENT, given what the
#      provider versions deployed there have verified?
# After the deploy job deployed: `bash ci.sh record-deployment` tells the broker (pact broker record-deployment).
#
# Environment (all optional):
#   COVERAGE_MIN            minimum % of the documented errors (of the operations called) covered; default 60
#   PACT_BROKER_BASE_URL    the broker, e.g. https://<your-team>.pactflow.io; unset: step 3 is skipped
#   PACT_BROKER_TOKEN       PactFlow / broker API token, or
#   PACT_BROKER_USERNAME, PACT_BROKER_PASSWORD   basic auth of a self-hosted Pact Broker
#   GIT_COMMIT, GIT_BRANCH  the version and branch to publish (default: read from git)
#   PACT_CONSUMER           billing's name in the broker (default billing, as in its pact)
#   DEPLOY_ENVIRONMENT      the environment of can-i-deploy and record-deployment (default production)
#   PACT_CLI                how to run the Pact CLI (default: npx --package=@pact-foundation/pact-cli pact)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
export PACT_DO_NOT_TRACK=true
COVERAGE_MIN=${COVERAGE_MIN:-60}

pact_cli() { ${PACT_CLI:-npx --yes --package=@pact-foundation/pact-cli@18.1.2 -- pact} "$@"; }
consumer=${PACT_CONSUMER:-billing}
environment=${DEPLOY_ENVIRONMENT:-production}

if [ "${1:-}" = "record-deployment" ]; then
  version=${GIT_COMMIT:-$(git rev-parse HEAD 2>/dev/null || true)}
  if [ -z "${PACT_BROKER_BASE_URL:-}" ] || [ -z "$version" ]; then
    echo "record-deployment: set PACT_BROKER_BASE_URL (and its credentials) and GIT_COMMIT" >&2
    exit 2
  fi
  pact_cli broker record-deployment --pacticipant "$consumer" --version "$version" --environment "$environment"
  exit 0
fi

kit=$(cd ../.. && pwd)
if [ ! -d node_modules ] && [ -f "$kit/src/cli/main.ts" ]; then
  # Inside the kit's repository: use the kit's node_modules and run its CLI from source.
  export PATH="$kit/node_modules/.bin:$PATH"
  numbers_contract() { node --import tsx "$kit/src/cli/main.ts" "$@"; }
else
  # Your own project: the kit, mocha and tsx installed by `npm ci` in this folder.
  export PATH="$here/node_modules/.bin:$PATH"
  numbers_contract() { numbers-contract "$@"; }
fi

echo "== 1/4 Pact tests"
rm -rf pacts # a stale pact file would count interactions this run no longer has
mocha

echo "== 2/4 Error coverage (gate: ${COVERAGE_MIN}%)"
numbers_contract coverage pacts/*.json --fail-under "$COVERAGE_MIN" --html coverage.html
echo "HTML report: coverage.html"

echo "== 3/4 Publish"
if [ -z "${PACT_BROKER_BASE_URL:-}" ]; then
  echo "skipped: no broker configured (set PACT_BROKER_BASE_URL, and PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD)"
  exit 0
fi
if [ -z "${PACT_BROKER_TOKEN:-}" ] && [ -z "${PACT_BROKER_USERNAME:-}" ]; then
  echo "publish: PACT_BROKER_BASE_URL is set, but neither PACT_BROKER_TOKEN nor PACT_BROKER_USERNAME is" >&2
  exit 2
fi
version=${GIT_COMMIT:-$(git rev-parse HEAD 2>/dev/null || true)}
branch=${GIT_BRANCH:-$(git rev-parse --abbrev-ref HEAD 2>/dev/null || true)}
if [ -z "$version" ] || [ -z "$branch" ]; then
  echo "publish: cannot tell the version and branch to publish; set GIT_COMMIT and GIT_BRANCH" >&2
  exit 2
fi
# The Pact CLI reads the broker URL and credentials from the environment variables above,
# so no credential ever appears on a command line or in this log.
pact_cli broker publish pacts --consumer-app-version "$version" --branch "$branch"

echo "== 4/4 Can $consumer $version be deployed to $environment?"
# Waits (up to a minute) for the provider's verification of this new pact, if its CI is running now.
pact_cli broker can-i-deploy --pacticipant "$consumer" --version "$version" --to-environment "$environment" --retry-while-unknown 6 --retry-interval 10
