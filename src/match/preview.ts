/**
 * One-line, bounded, redacted previews for failure messages. Never `JSON.stringify(received)`:
 * values are walked with a character budget, a depth limit and a cycle guard.
 */
import { createRedactor, isSecretKey, redactHead, REDACTED, type Redactor } from '../util/redact.js';
import { own, ownKeys, safeCall } from './safe.js';

const PREVIEW_MAX_CHARS = 500;
const MAX_DEPTH = 6;
const MAX_ENTRIES = 50;

/** A text body, quoted as a JSON string, redacted and cut to `max` characters (only its head is scanned). */
export function previewText(text: string, max = PREVIEW_MAX_CHARS, redact: Redactor = createRedactor()): string {
  const head = redactHead(text, max, redact);
  return head.cut ? `${JSON.stringify(head.text)}… (${text.length - max} more characters)` : JSON.stringify(head.text);
}

/** A JSON-like value, compact, with credential-like keys redacted and strings scrubbed. */
export function previewValue(value: unknown, max = PREVIEW_MAX_CHARS): string {
  const redact = createRedactor();
  const out: string[] = [];
  let length = 0;
  let full = false;
  const seen = new Set<object>();
  const emit = (s: string): void => {
    if (full) return;
    if (length + s.length > max) {
      out.push(s.slice(0, Math.max(0, max - length)));
      length = max;
      full = true;
      return;
    }
    out.push(s);
    length += s.length;
  };
  const walk = (v: unknown, depth: number): void => {
    if (full) return;
    if (v === null || typeof v === 'boolean') return emit(String(v));
    if (typeof v === 'number') return emit(Number.isFinite(v) ? String(v) : `"${String(v)}"`);
    if (typeof v === 'string') return emit(JSON.stringify(redactHead(v, max, redact).text));
    if (typeof v === 'bigint') return emit(`${v}n`);
    if (v === undefined) return emit('undefined');
    if (typeof v !== 'object') return emit(`[${typeof v}]`);
    if (seen.has(v)) return emit('"[Circular]"');
    if (depth >= MAX_DEPTH) return emit(Array.isArray(v) ? '[…]' : '{…}');
    seen.add(v);
    if (Array.isArray(v)) {
      const n = safeCall(() => v.length, 0);
      emit('[');
      for (let i = 0; i < Math.min(n, MAX_ENTRIES) && !full; i++) {
        if (i > 0) emit(',');
        walk(
          safeCall(() => v[i] as unknown, undefined),
          depth + 1,
        );
      }
      if (n > MAX_ENTRIES) emit(`,… ${n - MAX_ENTRIES} more`);
      emit(']');
    } else {
      const keys = ownKeys(v, MAX_ENTRIES + 1);
      emit('{');
      keys.slice(0, MAX_ENTRIES).forEach((key, i) => {
        if (full) return;
        if (i > 0) emit(',');
        emit(`${JSON.stringify(redactHead(key, max, redact).text)}:`);
        if (isSecretKey(key)) emit(JSON.stringify(REDACTED));
        else if (key === '__proto__' || key === 'constructor' || key === 'prototype') emit('"[ignored]"');
        else walk(own(v, key), depth + 1);
      });
      if (keys.length > MAX_ENTRIES) emit(',…');
      emit('}');
    }
    seen.delete(v);
  };
  walk(value, 0);
  const text = out.join('');
  return full ? `${text}… (preview cut at ${max} characters)` : text;
}
