import { KitError } from '../errors.js';
import { measureExpansion } from './expand.js';
import { newBudget, resolveLimits, type Budget } from './options.js';
import { parseJsonText } from './parse-json.js';
import { parseYamlFast } from './parse-yaml-fast.js';
import { parseYamlFull } from './parse-yaml.js';
import { ancestorPointer } from './problems.js';

/**
 * The text of one spec file to a plain value within the budget: strict JSON when `name` (the
 * file, or a URL's path) ends in `.json`, YAML 1.2 otherwise. The value is then measured as a consumer would walk it, with YAML
 * aliases expanded: a recursive alias, or aliases that multiply it past `maxNodes` or `maxDepth`,
 * is SPEC_ALIAS_BUDGET. `null`, an empty or comment-only file is SPEC_EMPTY.
 */
export function parseSpecValue(text: string, file: string, budget: Budget, name: string = file): unknown {
  const json = /\.json$/i.test(name);
  // YAML: the fast path when it vouches for the value (a tree without aliases, within the
  // budgets), the full path otherwise (see parse-yaml-fast.ts).
  const fast = json ? undefined : parseYamlFast(text, budget);
  const value = json ? parseJsonText(text, file, budget) : fast !== undefined ? fast.value : parseYamlFull(text, file, budget);
  if (value === null || value === undefined) throw new KitError('SPEC_EMPTY', 'the file is empty (no content, only comments, or null)', { file });
  if (!json && fast === undefined) {
    const problem = measureExpansion(value, { maxNodes: budget.limits.maxNodes, maxDepth: budget.limits.maxDepth, cycles: 'fail' });
    if (problem !== undefined) {
      const message =
        problem.kind === 'cycle'
          ? 'an alias refers to a collection that contains it (infinite expansion)'
          : problem.kind === 'nodes'
            ? `expanding the YAML aliases gives more than ${budget.limits.maxNodes} nodes (maxNodes)`
            : `expanding the YAML aliases nests more than ${budget.limits.maxDepth} levels (maxDepth)`;
      throw new KitError('SPEC_ALIAS_BUDGET', message, { file, pointer: ancestorPointer(problem.pointer) });
    }
  }
  return value;
}

/** The spec's own text (YAML or JSON) to its root object, with the default limits. */
export function parseSpecText(text: string, file: string, budget: Budget = newBudget(resolveLimits())): Record<string, unknown> {
  const value = parseSpecValue(text, file, budget);
  if (typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new KitError('SPEC_NOT_OBJECT', `the spec must be a YAML or JSON object, not ${kind}`, { file });
  }
  if (Object.keys(value as object).length === 0) throw new KitError('SPEC_EMPTY', 'the spec is an empty object', { file });
  return value as Record<string, unknown>;
}
