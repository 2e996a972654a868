/** JSON.parse, or undefined when the text is not JSON (the value wrapped, so that `null` is told apart). */
export function tryParseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}
