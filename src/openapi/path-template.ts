import { escapeRegex } from '../util/regex.js';

/**
 * An OpenAPI path template (`/v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent`) as a
 * regular expression with one group per `{name}`, in order. `segment` is what a parameter may hold.
 */
export function compilePathTemplate(template: string, segment = '[^/]+?'): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegex(part);
      names.push(name);
      return `(${segment})`;
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}
