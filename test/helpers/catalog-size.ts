import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NUMBERS_OPERATION_IDS } from '../../src/catalog/generated.js';
import { repoRoot } from './paths.js';

/**
 * The bundled catalog's size, read from its golden ids (test/catalog/generated.test.ts holds them to
 * the spec), so tests that count cases or interactions need no edit each time the spec gains a case.
 */
const CASE_IDS = readFileSync(path.join(repoRoot, 'test', 'golden', 'catalog-ids.txt'), 'utf8')
  .trimEnd()
  .split('\n');
export const CASE_COUNT = CASE_IDS.length;
/** The provisioning-failure cases (200 ActiveNumbers whose scheduled provisioning FAILED; ids `<operationId>/2xx/...`). */
export const PROVISIONING_CASE_COUNT = CASE_IDS.filter((id) => /\/2\d\d\//.test(id)).length;
/** The HTTP error cases. */
export const ERROR_CASE_COUNT = CASE_COUNT - PROVISIONING_CASE_COUNT;
export const OPERATION_COUNT = NUMBERS_OPERATION_IDS.length;
/** The bundled spec's callback event variants, from their golden ids. */
export const EVENT_COUNT = readFileSync(path.join(repoRoot, 'test', 'golden', 'event-ids.txt'), 'utf8')
  .trimEnd()
  .split('\n').length;
