import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

/**
 * The malformed-spec corpus: one folder per fault row of the reliability notes (A1-A26) and per
 * kit rule, each a hand-edited copy of test/fixtures/specs/_base (or a small file of its own).
 * Each row runs the CLI in-process and pins the exit code and the exact first line; the
 * positive controls (BOM + CRLF, aliases, __proto__ keys, a recursive schema, external refs)
 * must load. `$F` is the fixture's spec path, `$OP1`/`$OP2` the pointers of the two operations.
 */
interface Row {
  name: string;
  file?: string;
  command: 'list' | 'lint';
  code: number;
  line: string;
}

const OP1 = '/paths/~1v1~1projects~1{projectId}~1availableRegions/get';
const OP2 = '/paths/~1v1~1projects~1{projectId}~1activeNumbers~1{phoneNumber}/get';

// prettier-ignore
const ROWS: Row[] = [
  { name: 'a01-directory', command: 'list', code: 2, line: "SPEC_NOT_FILE $F: is a directory, not a regular file" },
  { name: 'a01-missing-file', command: 'list', code: 2, line: "SPEC_UNREADABLE $F: no such file" },
  { name: 'a02-array-root', command: 'list', code: 2, line: "SPEC_NOT_OBJECT $F: the spec must be a YAML or JSON object, not an array" },
  { name: 'a02-comments-only', command: 'list', code: 2, line: "SPEC_EMPTY $F: the file is empty (no content, only comments, or null)" },
  { name: 'a02-empty', command: 'list', code: 2, line: "SPEC_EMPTY $F: the file is empty (no content, only comments, or null)" },
  { name: 'a02-empty-object', file: 'spec.json', command: 'list', code: 2, line: "SPEC_EMPTY $F: the spec is an empty object" },
  { name: 'a02-json-empty', file: 'spec.json', command: 'list', code: 2, line: "SPEC_SYNTAX $F: unexpected end of JSON, expected a JSON value at line 1, column 1" },
  { name: 'a02-null', command: 'list', code: 2, line: "SPEC_EMPTY $F: the file is empty (no content, only comments, or null)" },
  { name: 'a02-scalar-root', command: 'list', code: 2, line: "SPEC_NOT_OBJECT $F: the spec must be a YAML or JSON object, not a string" },
  { name: 'a02-whitespace', command: 'list', code: 2, line: "SPEC_EMPTY $F: the file is empty (no content, only comments, or null)" },
  { name: 'a03-bad-indentation', command: 'list', code: 2, line: "SPEC_SYNTAX $F: All mapping items must start at the same column at line 29, column 1" },
  { name: 'a03-tab-indent', command: 'list', code: 2, line: "SPEC_SYNTAX $F: Tabs are not allowed as indentation at line 4, column 1" },
  { name: 'a03-unclosed-flow', command: 'list', code: 2, line: "SPEC_SYNTAX $F: Flow map in block collection must be sufficiently indented and end with a } at line 30, column 7" },
  { name: 'a03-unclosed-quote', command: 'list', code: 2, line: "SPEC_SYNTAX $F: Missing closing 'quote at line 5, column 18" },
  { name: 'a04-json-comment', file: 'spec.json', command: 'list', code: 2, line: "SPEC_SYNTAX $F: unexpected \"/\", expected a double-quoted key at line 2, column 23" },
  { name: 'a04-json-control-char', file: 'spec.json', command: 'list', code: 2, line: "SPEC_SYNTAX $F: control character in string at line 4, column 22" },
  { name: 'a04-json-single-quotes', file: 'spec.json', command: 'list', code: 2, line: "SPEC_SYNTAX $F: unexpected \"'\", expected a double-quoted key at line 4, column 5" },
  { name: 'a04-json-trailing-comma', file: 'spec.json', command: 'list', code: 2, line: "SPEC_SYNTAX $F: unexpected \"}\", expected a double-quoted key at line 6, column 3" },
  { name: 'a04-json-truncated', file: 'spec.json', command: 'list', code: 2, line: "SPEC_SYNTAX $F: unexpected end of JSON, expected a double-quoted key at line 25, column 15" },
  { name: 'a05-json-duplicate-response', file: 'spec.json', command: 'list', code: 2, line: "SPEC_DUPLICATE_KEY $F#$OP1/responses/401: duplicate key \"401\" at line 38, column 11 (first at line 35, column 11)" },
  { name: 'a05-yaml-duplicate-key', command: 'list', code: 2, line: "SPEC_DUPLICATE_KEY $F#$OP1/responses/401: duplicate key \"401\" at line 26, column 9 (first at line 20, column 9)" },
  { name: 'a05-yaml-duplicate-key-types', command: 'list', code: 2, line: "SPEC_DUPLICATE_KEY $F#$OP1/responses/500: duplicate key \"500\" at line 25, column 9 (first at line 24, column 9)" },
  { name: 'a06-binary', command: 'list', code: 2, line: "SPEC_ENCODING $F: invalid UTF-8 at line 10, column 6; spec files must be UTF-8 text" },
  { name: 'a06-bom-crlf', command: 'list', code: 0, line: "ListRegions  GET /v1/projects/{projectId}/availableRegions" },
  { name: 'a06-bom-crlf', command: 'lint', code: 0, line: "numbers-contract lint: $F: no findings (2 operations, 15 cases)" },
  { name: 'a06-nul-byte', command: 'list', code: 2, line: "SPEC_ENCODING $F: NUL byte at line 5, column 17; spec files must be UTF-8 text" },
  { name: 'a06-utf16', command: 'list', code: 2, line: "SPEC_ENCODING $F: UTF-16 or UTF-32 byte order mark at line 1, column 1; spec files must be UTF-8 text" },
  { name: 'a07-alias-bomb', command: 'list', code: 2, line: "SPEC_ALIAS_BUDGET $F#/info/x-bomb/l6: expanding the YAML aliases gives more than 1000000 nodes (maxNodes)" },
  { name: 'a07-alias-without-anchor', command: 'list', code: 2, line: "SPEC_SYNTAX $F#$OP2/x-numbers-state: alias *active has no anchor &active before it at line 29, column 24" },
  { name: 'a07-aliases-ok', command: 'list', code: 0, line: "ListRegions  GET /v1/projects/{projectId}/availableRegions" },
  { name: 'a07-aliases-ok', command: 'lint', code: 0, line: "numbers-contract lint: $F: no findings (2 operations, 15 cases)" },
  { name: 'a07-recursive-alias', command: 'list', code: 2, line: "SPEC_ALIAS_BUDGET $F#/info/x-loop/1: an alias refers to a collection that contains it (infinite expansion)" },
  { name: 'a08-deep-block', command: 'list', code: 2, line: "SPEC_TOO_DEEP $F: nested more than 100 levels (maxDepth) at line 108, column 211" },
  { name: 'a08-deep-flow', command: 'list', code: 2, line: "SPEC_TOO_DEEP $F: nested more than 100 levels (maxDepth) at line 6, column 113" },
  { name: 'a08-deep-json', file: 'spec.json', command: 'list', code: 2, line: "SPEC_TOO_DEEP $F#/info/x-deep/0/0/0/0/0/0/0/0/0/0: nested more than 100 levels (maxDepth) at line 5, column 133" },
  { name: 'a08-deep-schema-refs', command: 'list', code: 2, line: "SPEC_TOO_DEEP $F#$OP1/responses/200/content/application~1json/schema/properties/next/properties/next: nested more than 100 levels (maxDepth) once $refs are followed" },
  { name: 'a10-proto-keys', command: 'list', code: 0, line: "ListRegions  GET /v1/projects/{projectId}/availableRegions" },
  { name: 'a10-proto-keys', command: 'lint', code: 0, line: "numbers-contract lint: $F: no findings (2 operations, 15 cases)" },
  { name: 'a10-yaml11-merge', command: 'list', code: 2, line: "SPEC_SYNTAX $F: YAML 1.1 documents are not supported (remove the %YAML directive; the kit reads YAML 1.2)" },
  { name: 'a11-ref-absolute', command: 'list', code: 2, line: "SPEC_REF_ESCAPE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"/etc/passwd\" is an absolute path; refs must be relative paths inside the spec folder" },
  { name: 'a11-ref-backslash', command: 'list', code: 2, line: "SPEC_REF_INVALID $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"..\\\\outside.yaml\" contains a backslash; use / in $ref paths" },
  { name: 'a11-ref-deep-parent', command: 'list', code: 2, line: "SPEC_REF_ESCAPE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"../../../../../../../../home/runner/.npmrc.yaml\" leaves the spec folder" },
  { name: 'a11-ref-encoded-parent', command: 'list', code: 2, line: "SPEC_REF_ESCAPE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"%2e%2e/outside.yaml#/Regions\" leaves the spec folder" },
  { name: 'a11-ref-extension', command: 'list', code: 2, line: "SPEC_REF_FILE_TYPE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"notes.txt\" names a file that is not .yaml, .yml or .json" },
  { name: 'a11-ref-file-url', command: 'list', code: 2, line: "SPEC_REF_ESCAPE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"file:///etc/passwd\" is a file: URL; refs must be relative paths inside the spec folder" },
  { name: 'a11-ref-parent', command: 'list', code: 2, line: "SPEC_REF_ESCAPE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"../outside.yaml#/Regions\" leaves the spec folder" },
  { name: 'a11-ref-sub-then-parent', command: 'list', code: 2, line: "SPEC_REF_ESCAPE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"sub/../../outside.yaml#/Regions\" leaves the spec folder" },
  { name: 'a11-ref-unc', command: 'list', code: 2, line: "SPEC_REF_ESCAPE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"//fileserver/share/schemas.yaml\" is a network path; refs must be relative paths inside the spec folder" },
  { name: 'a11-ref-windows-drive', command: 'list', code: 2, line: "SPEC_REF_ESCAPE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"C:/Windows/win.ini\" is an absolute path; refs must be relative paths inside the spec folder" },
  { name: 'a12-ref-dev-zero', command: 'list', code: 2, line: "SPEC_REF_ESCAPE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"/dev/zero\" is an absolute path; refs must be relative paths inside the spec folder" },
  { name: 'a12-ref-proc-environ', command: 'list', code: 2, line: "SPEC_REF_ESCAPE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"/proc/self/environ\" is an absolute path; refs must be relative paths inside the spec folder" },
  { name: 'a13-ref-ipv6-loopback', command: 'list', code: 2, line: "SPEC_REF_REMOTE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"http://[::1]:9/regions.yaml\" is a remote URL; the kit reads no remote refs (copy the document into the spec folder)" },
  { name: 'a13-ref-metadata', command: 'list', code: 2, line: "SPEC_REF_REMOTE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"http://169.254.169.254/latest/meta-data/regions.yaml\" is a remote URL; the kit reads no remote refs (copy the document into the spec folder)" },
  { name: 'a13-ref-remote-off', command: 'list', code: 2, line: "SPEC_REF_REMOTE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"https://schemas.example.com/regions.yaml\" is a remote URL; the kit reads no remote refs (copy the document into the spec folder)" },
  { name: 'a16-ref-bad-escape', command: 'list', code: 2, line: "SPEC_REF_INVALID $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"#/components/schemas/%E0%A4%A\" has a malformed percent-encoding in its fragment" },
  { name: 'a16-ref-empty', command: 'list', code: 2, line: "SPEC_REF_INVALID $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"\" is empty" },
  { name: 'a16-ref-missing-file', command: 'list', code: 2, line: "SPEC_REF_MISSING $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"nope.yaml#/Regions\" names a file that does not exist" },
  { name: 'a16-ref-missing-in-file', command: 'list', code: 2, line: "SPEC_REF_MISSING $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"common.yaml#/Nope\" points at nothing (no \"Nope\" at the top level)" },
  { name: 'a16-ref-missing-pointers', command: 'list', code: 2, line: "SPEC_REF_MISSING $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"#/components/schemas/Nope\" points at nothing (no \"Nope\" in #/components/schemas); 1 more missing: \"#/components/schemas/AlsoNope\"" },
  { name: 'a16-ref-not-a-pointer', command: 'list', code: 2, line: "SPEC_REF_INVALID $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"#components/schemas/Regions\" has a fragment that is not a JSON pointer (#/...)" },
  { name: 'a17-ref-constructor', command: 'list', code: 2, line: "SPEC_REF_UNSAFE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"#/components/schemas/constructor/prototype\" has the pointer token \"constructor\", which could reach an object prototype" },
  { name: 'a17-ref-proto', command: 'list', code: 2, line: "SPEC_REF_UNSAFE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"#/__proto__/polluted\" has the pointer token \"__proto__\", which could reach an object prototype" },
  { name: 'a18-recursive-error-schema', command: 'list', code: 0, line: "ListRegions  GET /v1/projects/{projectId}/availableRegions" },
  { name: 'a18-recursive-error-schema', command: 'lint', code: 0, line: "numbers-contract lint: $F: no findings (2 operations, 15 cases)" },
  { name: 'a19-ref-chain', command: 'list', code: 2, line: "SPEC_REF_CYCLE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"#/components/schemas/Regions\" never reaches a value, only other refs: #/components/schemas/Regions -> #/components/schemas/Loop -> #/components/schemas/Regions" },
  { name: 'a19-ref-chain-files', command: 'list', code: 2, line: "SPEC_REF_CYCLE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"a.yaml#/A\" never reaches a value, only other refs: a.yaml#/A -> b.yaml#/B -> a.yaml#/A" },
  { name: 'a19-ref-self', command: 'list', code: 2, line: "SPEC_REF_CYCLE $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"#/components/schemas/Regions\" never reaches a value, only other refs: #/components/schemas/Regions -> #/components/schemas/Regions" },
  { name: 'a20-ref-anchor', command: 'list', code: 2, line: "SPEC_REF_INVALID $F#$OP1/responses/200/content/application~1json/schema/$ref: $ref \"#Regions\" has a fragment that is not a JSON pointer (#/...)" },
  { name: 'a21-info-version-number', command: 'list', code: 2, line: "SPEC_INVALID $F#/info/version: API version number must be a string (e.g. \"1.0.0\") not a number." },
  { name: 'a21-no-version', command: 'list', code: 2, line: "SPEC_VERSION $F#/openapi: no openapi field; expected an OpenAPI 3.0.x document (openapi: \"3.0.3\")" },
  { name: 'a21-openapi-31', command: 'list', code: 2, line: "SPEC_VERSION $F#/openapi: OpenAPI \"3.1.0\" is not supported; the kit reads OpenAPI 3.0.x" },
  { name: 'a21-openapi-number', command: 'list', code: 2, line: "SPEC_VERSION $F#/openapi: openapi must be a string such as \"3.0.3\", not 3" },
  { name: 'a21-swagger-2', command: 'list', code: 2, line: "SPEC_VERSION $F#/swagger: Swagger \"2.0\" documents are not supported; the kit reads OpenAPI 3.0.x" },
  { name: 'a22-duplicate-operation-id', command: 'lint', code: 2, line: "LINT_DUPLICATE_OPERATION_ID $F#$OP2/operationId: operationId \"ListRegions\" is also the operationId of GET /v1/projects/{projectId}/availableRegions" },
  { name: 'a22-undeclared-path-param', command: 'lint', code: 2, line: "LINT_PATH_PARAM_UNDECLARED $F#$OP2: {phoneNumber} of /v1/projects/{projectId}/activeNumbers/{phoneNumber} is not declared as an in: path parameter of GET" },
  { name: 'a22-unused-path-param', command: 'lint', code: 2, line: "LINT_PATH_PARAM_UNUSED $F#$OP1/parameters/1: path parameter \"regionCode\" is not in the path template /v1/projects/{projectId}/availableRegions" },
  { name: 'a23-error-without-content', command: 'lint', code: 2, line: "LINT_ERROR_SCHEMA $F#$OP2/responses/502: error response 502 has no application/json schema to hold its examples to" },
  { name: 'a23-example-schema-mismatch', command: 'lint', code: 2, line: "LINT_EXAMPLE_INVALID $F#$OP1/responses/500/content/application~1json/examples/internal/value: does not match the response schema: /error/message must be string" },
  { name: 'a24-many-schema-errors', command: 'list', code: 2, line: "SPEC_INVALID $F#$OP1/parameters/0/in: must be equal to one of the allowed values (OpenAPI 3.0 schema; 6 more problems)" },
  { name: 'a24-missing-responses', command: 'list', code: 2, line: "SPEC_INVALID $F#$OP1: must have required property 'responses' (OpenAPI 3.0 schema)" },
  { name: 'a24-no-paths', command: 'list', code: 2, line: "SPEC_INVALID $F#/paths: an OpenAPI document needs a paths object" },
  { name: 'kit-annotation-missing', command: 'list', code: 2, line: "SPEC_ANNOTATION $F#$OP1/responses/429/content/application~1json/examples/rate_limited/x-numbers-error: every error example needs an x-numbers-error object" },
  { name: 'kit-error-without-examples', command: 'list', code: 2, line: "SPEC_ERROR_EXAMPLES $F#$OP2/responses/400: error response 400 needs application/json examples, one per documented error" },
  { name: 'kit-example-mismatch', command: 'list', code: 2, line: "SPEC_EXAMPLE_MISMATCH $F#$OP1/responses/403/content/application~1json/examples/blocked_account/value: code is \"account_blocked\" but x-numbers-error.code is \"blocked_account\"" },
  { name: 'kit-no-provider-state', command: 'list', code: 2, line: "SPEC_ANNOTATION $F#$OP2/x-numbers-state: every operation needs x-numbers-state with the provider state its canonical request succeeds in" },
  { name: 'kit-path-param-without-example', command: 'list', code: 2, line: "SPEC_EXAMPLE_MISSING $F#$OP2/parameters/1: path parameter phoneNumber needs an example to build the canonical request" },
  { name: 'lint-405-on-second-operation', command: 'lint', code: 2, line: "LINT_APPLICABILITY $F#/paths/~1v1~1projects~1{projectId}~1availableRegions/post/responses/405/content/application~1json/examples/method_not_allowed: 405 is documented once per path, on its first operation (ListRegions)" },
  { name: 'lint-credentials-placeholder', command: 'lint', code: 2, line: "LINT_TRIGGER $F#$OP1/responses/401/content/application~1json/examples/unauthenticated/x-numbers-error/trigger/authorization: a credentials trigger needs credentials other than the placeholder Bearer example-token" },
  { name: 'lint-json-error-without-body', command: 'lint', code: 2, line: "LINT_APPLICABILITY $F#$OP2/responses/400/content/application~1json/examples/invalid_json: 400 syntax_invalid_json only applies to an operation with a JSON request body; GetNumber has none" },
  { name: 'lint-missing-401', command: 'lint', code: 2, line: "LINT_APPLICABILITY $F#$OP1/responses: documents no 401 UNAUTHENTICATED case; every operation must" },
  { name: 'lint-no-operations', command: 'lint', code: 2, line: "LINT_NO_OPERATIONS $F#/paths: the spec documents no operations, so it has no error cases" },
  { name: 'lint-no-provenance', command: 'lint', code: 2, line: "LINT_ANNOTATION $F#$OP1/responses/503/content/application~1json/examples/unavailable/x-numbers-error/provenance: provenance must be an object with kind, source and quote" },
  { name: 'lint-no-trigger', command: 'lint', code: 2, line: "LINT_ANNOTATION $F#$OP1/responses/500/content/application~1json/examples/internal/x-numbers-error/trigger: trigger must be an object with kind and description" },
  { name: 'lint-phone-format-without-phone', command: 'lint', code: 2, line: "LINT_APPLICABILITY $F#$OP1/responses/400/content/application~1json/examples/invalid_phone_number: 400 syntax_invalid_parameter_format only applies to an operation with a phone number path parameter; ListRegions has none" },
  { name: 'lint-same-request-same-state', command: 'lint', code: 2, line: "LINT_DUPLICATE_CASE $F#$OP1/responses/503/content/application~1json/examples/unavailable/x-numbers-error: same request and provider state (\"the API fails internally\") as ListRegions/500/internal: the provider cannot produce both" },
  { name: 'ref-bomb', command: 'list', code: 2, line: "SPEC_TOO_MANY_NODES $F#$OP1/responses/200/content/application~1json/schema/properties/p0/properties/p0: more than 1000000 nodes (maxNodes) once $refs are followed" },
  { name: 'ref-external-ok', command: 'list', code: 0, line: "ListRegions  GET /v1/projects/{projectId}/availableRegions" },
  { name: 'ref-external-ok', command: 'lint', code: 0, line: "numbers-contract lint: $F: no findings (2 operations, 15 cases)" },
  { name: 'ref-too-many-files', command: 'list', code: 2, line: "SPEC_TOO_MANY_FILES test/fixtures/specs/ref-too-many-files/f99.yaml#/S/$ref: $ref \"f100.yaml#/S\" would read more than 100 files (maxFiles)" },
];

const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'specs');

describe('spec front door: the malformed-spec corpus', () => {
  for (const row of ROWS) {
    const file = `test/fixtures/specs/${row.name}/${row.file ?? 'spec.yaml'}`;
    const expected = row.line.split('$F').join(file).split('$OP1').join(OP1).split('$OP2').join(OP2);
    it(`${row.name}: ${row.command} exits ${row.code}`, async () => {
      const { code, stdout, stderr } = await cli([row.command, '--spec', file]);
      const output = code === 0 ? stdout : stderr;
      const first = output.split('\n', 1)[0];
      expect({ code, first }).to.deep.equal({ code: row.code, first: row.code === 0 ? expected : `numbers-contract: ${expected}` });
      // One line per problem, never a stack trace, never an internal error.
      expect(stderr).not.to.match(/\n\s+at /);
      expect(stderr).not.to.contain('INTERNAL');
      if (row.code !== 0 && row.command === 'list') {
        expect(stdout).to.equal('');
        expect(stderr.split('\n')).to.have.length(2);
      }
      if (row.code !== 0 && row.command === 'lint' && row.line.startsWith('LINT_')) {
        expect(stderr.trimEnd().split('\n').at(-1)).to.match(/^numbers-contract: LINT_FAILED \S+: \d+ findings?$/);
      }
    });
  }

  it('has a row for every fixture folder (and at least 40 malformed ones)', () => {
    const folders = readdirSync(fixturesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
      .map((entry) => entry.name)
      .sort();
    expect([...new Set(ROWS.map((row) => row.name))].sort()).to.deep.equal(folders);
    expect(ROWS.filter((row) => row.code !== 0).length).to.be.at.least(40);
  });

  it('prints the stack of a front-door error only with --debug', async () => {
    const file = 'test/fixtures/specs/a05-yaml-duplicate-key/spec.yaml';
    const plain = await cli(['list', '--spec', file]);
    const debug = await cli(['list', '--spec', file, '--debug']);
    expect(plain.stderr.split('\n')).to.have.length(2);
    expect(debug.stderr.split('\n', 1)[0]).to.equal(plain.stderr.split('\n', 1)[0]);
    expect(debug.stderr).to.match(/\n\s+at /);
  });
});
