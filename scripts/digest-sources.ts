// Writes openapi/sources.digest.json from ../shared/reference: `npm run digest`.
// Run it when a case cites a new pointer or quote, or when the reference files change.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../src/catalog/index.js';
import { writeFileAtomic } from '../src/io/atomic.js';
import { buildDigest, formatDigest } from './lib/digest.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const referenceDir = path.resolve(root, process.argv[2] ?? '../shared/reference');
const catalog = await loadCatalog(path.join(root, 'openapi', 'numbers.v1.yaml'));
const digest = await buildDigest(referenceDir, catalog);
const target = path.join(root, 'openapi', 'sources.digest.json');
await writeFileAtomic(target, formatDigest(digest));
process.stdout.write(
  `wrote ${path.relative(root, target)} (${digest.official.operations.length} official operations, ${digest.official.pointers.length} pointers, ${Object.keys(digest.quotes.official).length + digest.quotes['status-page'].length + digest.quotes.sdk.length} cited quotes)\n`,
);
