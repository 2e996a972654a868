/**
 * Text in HTML or XML (the coverage report, the JUnit report): the five markup characters as
 * entities, and the characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF and
 * unpaired surrogates) removed, so any viewer parses the file.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeMarkup(text: string | number): string {
  return String(text)
    .replace(FORBIDDEN, '')
    .replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
