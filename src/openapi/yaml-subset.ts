/**
 * Whether a YAML text keeps to the plain subset where js-yaml and the `yaml` package (the full
 * path) are known to read the same value: one linear pass, line by line, over the tokens that
 * matter. Outside it (false) at the first doubt; a false alarm only costs the full path's time.
 *
 * Inside: block mappings and sequences, comments, plain scalars (also over several lines),
 * single-line quoted scalars, flow collections that close on their line, block scalars (`|`, `>`,
 * with `-` or `+`). Outside, besides what `UNUSUAL` lists: tags, anchors, aliases and reserved
 * indicators where a node starts; `?` and `:` keys; a collection as a key; a quoted scalar or a
 * flow collection that goes on to the next line; a comment not after a space; anything after a
 * quoted scalar or a collection but `:`, `,`, a closing bracket or a comment; a `-` with nothing
 * after it on its line (js-yaml then takes a less indented `-` into its sequence); two keys on one line; block scalars with an indentation indicator, and
 * block scalar lines less indented than their first. Each is a place where js-yaml accepts what
 * YAML refuses, or reads it otherwise (found with the yaml-test-suite and by fuzzing).
 */
export function withinPlainSubset(text: string): boolean {
  if (UNUSUAL.test(text)) return false;
  /** Inside a block scalar: its lines are those indented more than `parent` (and empty lines). */
  let block: { parent: number; indent: number } | undefined;
  for (let lineStart = 0; lineStart <= text.length; ) {
    const found = text.indexOf('\n', lineStart);
    const lineEnd = found < 0 ? text.length : found;
    let first = lineStart;
    while (first < lineEnd && text.charCodeAt(first) === SPACE) first++;
    const indent = first - lineStart;
    if (block !== undefined && (first === lineEnd || indent > block.parent)) {
      if (first < lineEnd) {
        if (indent < block.indent) return false;
        if (block.indent < 0) block.indent = indent;
      }
    } else {
      const parent = scanLine(text, lineStart, first, lineEnd);
      if (parent === false) return false;
      block = parent === undefined ? undefined : { parent, indent: -1 };
    }
    lineStart = lineEnd + 1;
  }
  return true;
}

// Tabs, CR, C0/C1 controls, NEL, LS, PS, BOM; a line of only spaces (js-yaml lets one lead a
// block scalar more indented than its first line, YAML does not); directives, document markers.
// eslint-disable-next-line no-control-regex
const UNUSUAL = /[\t\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]|^ +$|^(?:%|---|\.\.\.)/m;

const SPACE = 0x20;
const chars = (s: string): Set<number> => new Set([...s].map((c) => c.charCodeAt(0)));
/** Not allowed where a node starts: properties, aliases, reserved indicators, explicit and empty keys, an empty flow entry. */
const BAD_START = chars('!&*@`%?:,');
const FLOW_END = chars(',[]{}');

/**
 * One line (not inside a block scalar): false when outside the subset, else the column a block
 * scalar the line opens must be indented beyond (undefined: it opens none).
 */
function scanLine(text: string, lineStart: number, first: number, end: number): number | false | undefined {
  let i = first;
  const open: number[] = []; // the flow collections open on this line: their opening brackets
  let keyNext = false; // in a flow mapping, where a key starts
  let expectNode = true;
  let onlyDashes = true; // no token but `- ` yet on this line
  let afterCollection = false; // the last node was a flow collection
  let owner = first - lineStart; // column of the block node a block scalar here belongs to
  let nodeColumn = owner;
  let keys = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === SPACE) {
      i++;
      continue;
    }
    if (c === 0x23 /* # */) {
      if (i > first && text.charCodeAt(i - 1) !== SPACE) return false;
      break;
    }
    if (expectNode) {
      if (c === 0x2d /* - */ && open.length === 0 && (i + 1 === end || text.charCodeAt(i + 1) === SPACE)) {
        if (!onlyDashes) return false;
        if (restIsEmpty(text, i + 1, end)) return false; // an entry with nothing after its dash
        owner = i - lineStart;
        i++;
        continue;
      }
      onlyDashes = false;
      nodeColumn = i - lineStart;
      if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
        i = closingQuote(text, i, end);
        if (i < 0) return false;
        expectNode = false;
        afterCollection = false;
      } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        if (keyNext) return false; // a collection as a key of a flow mapping
        open.push(c);
        keyNext = c === 0x7b;
        i++;
      } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
        if (!closes(open, c)) return false;
        i++;
        expectNode = false;
        afterCollection = true;
      } else if (c === 0x7c /* | */ || c === 0x3e /* > */) {
        return open.length === 0 && blockHeaderOk(text, i + 1, end) ? owner : false;
      } else if (BAD_START.has(c)) {
        return false;
      } else {
        i = plainEnd(text, i, end, open.length > 0);
        expectNode = false;
        afterCollection = false;
      }
      continue;
    }
    if (c === 0x3a /* : */) {
      const next = i + 1 === end ? SPACE : text.charCodeAt(i + 1);
      if (afterCollection || next !== SPACE) return false;
      if (open.length === 0) {
        if (++keys > 1) return false;
        owner = nodeColumn;
      }
      expectNode = true;
      keyNext = false;
      i++;
    } else if (c === 0x2c /* , */ && open.length > 0) {
      expectNode = true;
      keyNext = open[open.length - 1] === 0x7b;
      i++;
    } else if ((c === 0x5d /* ] */ || c === 0x7d) /* } */ && closes(open, c)) {
      afterCollection = true;
      i++;
    } else {
      return false;
    }
  }
  return open.length === 0 ? undefined : false;
}

/** Pops the innermost open collection when `bracket` closes it. */
function closes(open: number[], bracket: number): boolean {
  if (open[open.length - 1] !== (bracket === 0x5d ? 0x5b : 0x7b)) return false;
  open.pop();
  return true;
}

function restIsEmpty(text: string, from: number, end: number): boolean {
  let i = from;
  while (i < end && text.charCodeAt(i) === SPACE) i++;
  return i === end || text.charCodeAt(i) === 0x23 /* # */;
}

/** Index after the quoted scalar that starts at `i`, or -1 when it does not close on this line. */
function closingQuote(text: string, i: number, end: number): number {
  const quote = text.charCodeAt(i);
  for (let j = i + 1; j < end; j++) {
    const c = text.charCodeAt(j);
    if (quote === 0x22 && c === 0x5c /* \ */) j++;
    else if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(j + 1) === 0x27 && j + 1 < end) j++;
      else return j + 1;
    }
  }
  return -1;
}

/** Index where the plain scalar that starts at `i` ends: `: `, ` #`, the end of the line, or (in a flow collection) a flow indicator. */
function plainEnd(text: string, i: number, end: number, inFlow: boolean): number {
  for (let j = i + 1; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x3a /* : */ && (j + 1 === end || text.charCodeAt(j + 1) === SPACE || (inFlow && FLOW_END.has(text.charCodeAt(j + 1))))) return j;
    if (c === 0x23 /* # */ && text.charCodeAt(j - 1) === SPACE) return j;
    if (inFlow && FLOW_END.has(c)) return j;
  }
  return end;
}

/** After `|` or `>`: an optional chomping indicator, then nothing or a comment. */
function blockHeaderOk(text: string, i: number, end: number): boolean {
  let j = i;
  if (j < end && (text.charCodeAt(j) === 0x2d /* - */ || text.charCodeAt(j) === 0x2b) /* + */) j++;
  if (j === end) return true;
  if (text.charCodeAt(j) !== SPACE) return false;
  return restIsEmpty(text, j, end);
}
