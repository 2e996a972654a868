/**
 * OpenAPI path templates (`/v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent`): the one
 * reader of `{name}` for the provider's router, coverage's routes, the harness's path parameters, the
 * catalog's request builder and lint. No regular expression: templates come from a spec, paths from
 * a request, and `\{[^}]+\}` (or a `([^/]+?)` per parameter) is quadratic on `{{{{…` or on a long
 * segment that does not fit. Both the reading and the matching are one pass, each character looked
 * at a bounded number of times (`steps` counts them, for the tests).
 */

/** A piece of a template: literal text, or a `{name}` (`name` is '' for `{}`, which only lint reports). */
export type TemplatePart = { kind: 'literal'; text: string } | { kind: 'param'; name: string };

/**
 * `{` up to the first `}` after it is a parameter (its name may hold `{`, as `\{[^}]*\}` read it);
 * a `{` with no `}` after it, and a lone `}`, are literal text. Linear: once no `}` is left, the
 * rest is literal, so no `{` is searched from twice.
 */
export function parsePathTemplate(template: string, steps?: { count: number }): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const close = open === -1 ? -1 : template.indexOf('}', open + 1);
    if (steps !== undefined) steps.count += (close === -1 ? template.length : close) - i + 1;
    if (close === -1) {
      literal += template.slice(i);
      break;
    }
    literal += template.slice(i, open);
    if (literal !== '') parts.push({ kind: 'literal', text: literal });
    literal = '';
    parts.push({ kind: 'param', name: template.slice(open + 1, close) });
    i = close + 1;
  }
  if (literal !== '') parts.push({ kind: 'literal', text: literal });
  return parts;
}

/** The template's `{name}`s in order (`{}` included, as ''). */
export function templateNames(template: string): string[] {
  return parsePathTemplate(template).flatMap((p) => (p.kind === 'param' ? [p.name] : []));
}

/** The template with each `{name}` replaced by `value(name)`, or kept when that is undefined. */
export function fillPathTemplate(template: string, value: (name: string) => string | undefined): string {
  return parsePathTemplate(template)
    .map((p) => (p.kind === 'literal' ? p.text : (value(p.name) ?? `{${p.name}}`)))
    .join('');
}

export interface CompiledTemplate {
  template: string;
  /** `{name}`s in order: `match` gives one value per name. */
  names: string[];
  /** Characters of literal text: more is more specific. */
  literalLength: number;
  /** The raw text of each parameter, or undefined when the path does not fit the template. */
  match(path: string): string[] | undefined;
}

/**
 * A template compiled for matching. A parameter holds one or more characters, none of them in
 * `stops` (default `/`; the provider's router adds `:` so `{phoneNumber}:rent` is never read as a
 * phone number `+1…:rent`). A path fits when its stop characters are the template's literal ones and
 * each piece between them fits: literal text where the template has it, and a parameter takes the
 * rest of its piece, or (several parameters in one piece, `{a}-{b}`) up to the first place the next
 * literal text follows it — the shortest fit, as a lazy `+?` tries first, without backtracking.
 */
export function compilePathTemplate(template: string, stops = '/', steps?: { count: number }): CompiledTemplate {
  const isStop = (c: string): boolean => stops.includes(c);
  // The template cut at its literal stop characters: each piece is literal text and parameters.
  const pieces: TemplatePart[][] = [[]];
  const separators: string[] = [];
  const names: string[] = [];
  let literalLength = 0;
  for (const part of parsePathTemplate(template, steps)) {
    if (part.kind === 'param' && part.name !== '') {
      names.push(part.name);
      (pieces.at(-1) as TemplatePart[]).push(part);
      continue;
    }
    const text = part.kind === 'literal' ? part.text : '{}';
    literalLength += text.length;
    let run = '';
    for (const c of text) {
      if (!isStop(c)) {
        run += c;
        continue;
      }
      if (run !== '') (pieces.at(-1) as TemplatePart[]).push({ kind: 'literal', text: run });
      run = '';
      separators.push(c);
      pieces.push([]);
    }
    if (run !== '') (pieces.at(-1) as TemplatePart[]).push({ kind: 'literal', text: run });
  }
  return {
    template,
    names,
    literalLength,
    match(path) {
      const values: string[] = [];
      let start = 0;
      for (let p = 0; p < pieces.length; p++) {
        // The path's next stop character ends this piece; it must be the template's.
        let end = start;
        while (end < path.length && !isStop(path[end] as string)) end++;
        if (steps !== undefined) steps.count += end - start + 1;
        const last = p === pieces.length - 1;
        if (last ? end !== path.length : path[end] !== separators[p]) return undefined;
        if (!matchPiece(pieces[p] as TemplatePart[], path.slice(start, end), values, steps)) return undefined;
        start = end + 1;
      }
      return values;
    },
  };
}

/** One piece (no stop characters in it) against its parts; parameters' raw values appended to `values`. */
function matchPiece(parts: readonly TemplatePart[], text: string, values: string[], steps: { count: number } | undefined): boolean {
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as TemplatePart;
    if (part.kind === 'literal') {
      if (!text.startsWith(part.text, at)) return false;
      at += part.text.length;
      continue;
    }
    const next = parts[i + 1];
    let end: number;
    if (next === undefined) end = text.length;
    else if (next.kind === 'param') end = at + 1;
    else if (i + 1 === parts.length - 1) end = text.length - next.text.length;
    else end = text.indexOf(next.text, at + 1);
    if (steps !== undefined) steps.count += Math.max(0, end - at) + 1;
    if (end === -1 || end <= at) return false;
    values.push(text.slice(at, end));
    at = end;
  }
  return at === text.length;
}
