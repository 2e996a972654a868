// Regenerates every generated artefact from openapi/numbers.v1.yaml: `npm run regen`.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompiledCatalogText } from '../src/catalog/bundled.js';
import { loadCatalog } from '../src/catalog/index.js';
import { bundledCatalogPath } from '../src/openapi/bundled.js';
import { generatedEventTypesSource } from '../src/catalog/emit-event-types.js';
import { generatedTypesSource } from '../src/catalog/tables.js';
import { loadSpec } from '../src/openapi/load.js';
import { regenerateErrorsDoc } from './errors-doc.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const catalog = await loadCatalog(path.join(root, 'openapi', 'numbers.v1.yaml'));
const target = path.join(root, 'src', 'catalog', 'generated.ts');
await writeFile(target, generatedTypesSource(catalog));
process.stdout.write(`wrote ${path.relative(root, target)} (${catalog.cases.length} cases, ${catalog.operations.length} operations)\n`);

const precompiled = bundledCatalogPath();
await writeFile(precompiled, precompiledCatalogText(catalog));
process.stdout.write(`wrote ${path.relative(root, precompiled)}\n`);
// The callback and provisioning code unions, from the spec's schemas, and its event variants.
const specFile = path.join(root, 'openapi', 'numbers.v1.yaml');
const eventsTarget = path.join(root, 'src', 'catalog', 'generated-events.ts');
await writeFile(eventsTarget, generatedEventTypesSource((await loadSpec(specFile)).document, catalog.events));
process.stdout.write(`wrote ${path.relative(root, eventsTarget)} (${catalog.events.length} event variants)\n`);
// The spec loader's outcome on every hostile fixture (test/openapi/golden.test.ts holds it).
const { formatTable, frontDoorTable, GOLDEN_FILE } = await import('../test/openapi/golden.js');
await writeFile(GOLDEN_FILE, formatTable(await frontDoorTable()));
process.stdout.write(`wrote ${path.relative(root, GOLDEN_FILE)}\n`);

const idsFile = path.join(root, 'test', 'golden', 'catalog-ids.txt');
await writeFile(idsFile, catalog.cases.map((c) => c.id).join('\n') + '\n');
const eventIdsFile = path.join(root, 'test', 'golden', 'event-ids.txt');
await writeFile(eventIdsFile, catalog.events.map((e) => `${e.id}  ${e.eventType} ${e.status}${e.failureCode === undefined ? '' : ` ${e.failureCode}`}`).join('\n') + '\n');
process.stdout.write(`wrote ${path.relative(root, idsFile)}\n`);
process.stdout.write(`wrote ${path.relative(root, eventIdsFile)}\n`);

const errorsDoc = path.join(root, 'docs', 'errors.md');
await writeFile(errorsDoc, regenerateErrorsDoc(await readFile(errorsDoc, 'utf8')));
process.stdout.write(`wrote ${path.relative(root, errorsDoc)}\n`);

// The committed contract for the whole catalog, through the same command users run.
const { runCli } = await import('../src/cli/run.js');
const exit = await runCli(['generate'], {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: root,
  env: { ...process.env, PACT_DO_NOT_TRACK: 'true' },
});
if (exit !== 0) process.exitCode = exit;
