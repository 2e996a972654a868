/**
 * A small, conservative analyser: a regular expression passes only if a backtracking engine
 * (V8's irregexp) searches any input with it in linear time. It checks the shape, never the clock:
 *
 * 1. no unbounded quantifier inside another (exponential: `(a+)+`), and no backreference;
 * 2. an unbounded quantifier repeats one character class C, and unless nothing after it can fail
 *    (it ends the pattern), what may follow it is disjoint from C (else one attempt is quadratic:
 *    `a*a*b`, `\s*\s*x`);
 * 3. where something after such a quantifier can fail, no other attempt can begin inside its run:
 *    the pattern's first character is not in C, or the pattern opens with a look-behind that
 *    refuses a position after a character of C (else the attempts are quadratic: the JWT pattern's
 *    `eyJ[…-]{4,}\.` on `-eyJ-eyJ-eyJ…`), or it is anchored at the start (`^`, no m flag).
 */
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import type { Quantifier, Element, Pattern } from '@eslint-community/regexpp/ast';
import { getFirstCharAfter, getFirstConsumedChar, toCharSet, type ReadonlyFlags } from 'regexp-ast-analysis';

const CHARACTER_TYPES = new Set(['Character', 'CharacterClass', 'CharacterSet']);

/** The reasons `regex` could take more than linear time; [] when it cannot. */
export function superLinearReasons(regex: RegExp): string[] {
  const parser = new RegExpParser({ ecmaVersion: 2024 });
  const literal = parser.parseLiteral(regex.toString());
  const flags = literal.flags as ReadonlyFlags;
  const pattern = literal.pattern;
  const reasons: string[] = [];
  const unbounded: Quantifier[] = [];
  visitRegExpAST(literal, {
    onBackreferenceEnter: (node) => reasons.push(`backreference ${node.raw}`),
    onQuantifierEnter: (node) => {
      if (node.max === Infinity) unbounded.push(node);
    },
  });
  for (const q of unbounded) {
    const inner = unbounded.filter((other) => other !== q && contains(q, other));
    if (inner.length > 0) {
      reasons.push(`nested unbounded quantifiers: ${q.raw}`);
      continue;
    }
    if (!CHARACTER_TYPES.has(q.element.type)) {
      reasons.push(`unbounded quantifier over more than one character: ${q.raw}`);
      continue;
    }
    const repeated = toCharSet(q.element as Parameters<typeof toCharSet>[0], flags);
    const after = getFirstCharAfter(q, 'ltr', flags);
    if (after.edge && after.char.isAll) continue; // nothing after it can fail
    if (!after.char.isDisjointWith(repeated)) reasons.push(`${q.raw} is followed by characters it also repeats`);
    const first = getFirstConsumedChar(pattern.alternatives, 'ltr', flags).char;
    if (!first.isDisjointWith(repeated) && !anchored(pattern, flags) && !guardedByLookBehind(pattern, repeated, flags)) {
      reasons.push(`an attempt can begin inside the run of ${q.raw} (no look-behind guard)`);
    }
  }
  return reasons;
}

function contains(outer: Element, inner: Element): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** Every alternative opens with `^` (without the m flag): the only attempt begins at 0. */
function anchored(pattern: Pattern, flags: ReadonlyFlags): boolean {
  return !flags.multiline && pattern.alternatives.every((alternative) => alternative.elements[0]?.type === 'Assertion' && alternative.elements[0].kind === 'start');
}

/** Every alternative opens with `(?<![S])` where S covers `repeated`. */
function guardedByLookBehind(pattern: Pattern, repeated: ReturnType<typeof toCharSet>, flags: ReadonlyFlags): boolean {
  return pattern.alternatives.every((alternative) => {
    const head = alternative.elements[0];
    if (head?.type !== 'Assertion' || head.kind !== 'lookbehind' || !head.negate || head.alternatives.length !== 1) return false;
    const only = head.alternatives[0]?.elements;
    if (only?.length !== 1 || only[0] === undefined || !CHARACTER_TYPES.has(only[0].type)) return false;
    return repeated.without(toCharSet(only[0] as Parameters<typeof toCharSet>[0], flags)).isEmpty;
  });
}
