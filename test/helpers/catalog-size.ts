import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NUMBERS_OPERATION_IDS } from '../../src/catalog/generated.js';
import { repoRoot } from './paths.js';

/**
 * The bundled catalog's size, read from its golden ids (test/catalog/generated.test.ts holds them to
 * the spec), so tests that count cases or interactions need no edit each time the spec gains a case.
 */
export const CASE_COUNT = readFileSync(path.join(repoRoot, 'test', 'golden', 'catalog-ids.txt'), 'utf8')
  .trimEnd()
  .split('\n').length;
export const OPERATION_COUNT = NUMBERS_OPERATION_IDS.length;
/** The bundled spec's callback event variants, from their golden ids. */
export const EVENT_COUNT = readFileSync(path.join(repoRoot, 'test', 'golden', 'event-ids.txt'), 'utf8')
  .trimEnd()
  .split('\n').length;
