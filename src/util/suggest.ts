/**
 * "Did you mean" for a value the user misspelt, one implementation for the matchers and the case
 * selector: the same letters ignoring case and separators, a value that ends with the input
 * (`RentNumber` for `NumberService_RentNumber`), or an edit distance of at most 2.
 */
export function didYouMean(input: string, valid: Iterable<string>): string | undefined {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const wanted = norm(input);
  const scored = [...valid].map((v) => {
    const n = norm(v);
    const d = n === wanted ? 0 : wanted.length >= 4 && n.endsWith(wanted) ? 1 : distance(v.toLowerCase(), input.toLowerCase());
    return { v, d };
  });
  const best = scored.sort((a, b) => a.d - b.d || (a.v < b.v ? -1 : a.v > b.v ? 1 : 0))[0];
  return best !== undefined && best.d <= 2 ? best.v : undefined;
}

/** ` (did you mean "x"?)`, or '' when nothing is near. */
export function suggestion(input: string, valid: Iterable<string>): string {
  const near = didYouMean(input, valid);
  return near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 3;
}
