// docs/errors.md's code tables, generated from the registry in src/errors.ts (`npm run regen`);
// test/errors.test.ts fails when the committed doc is not what this gives.
import { ERROR_CODES, ERROR_FAMILIES, type ErrorFamily } from '../src/errors.js';

export const BEGIN = '<!-- BEGIN GENERATED from src/errors.ts by npm run regen: do not edit by hand -->';
export const END = '<!-- END GENERATED -->';

function tables(): string {
  const lines: string[] = [];
  for (const [family, title] of Object.entries(ERROR_FAMILIES) as [ErrorFamily, string][]) {
    lines.push(`### ${title}`, '', '| Code | Exit | Meaning |', '|---|---|---|');
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      if (info.family === family) lines.push(`| \`${code}\` | ${info.exit.join(' / ')} | ${info.meaning.replace(/\|/g, '\\|')} |`);
    }
    lines.push('');
  }
  return `${BEGIN}\n${lines.join('\n')}${END}`;
}

/** `doc` with the text between the markers replaced by the tables of the registry. */
export function regenerateErrorsDoc(doc: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start === -1 || end < start) throw new Error(`docs/errors.md lacks the markers ${BEGIN} ... ${END}`);
  return doc.slice(0, start) + tables() + doc.slice(end + END.length);
}
