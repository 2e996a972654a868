import { KitError } from '../errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The bytes of a spec file as text: UTF-8 only (a UTF-8 byte order mark is dropped, CRLF is
 * fine). UTF-16/32, NUL bytes and invalid UTF-8 (a binary file) are refused with their position.
 */
export function decodeSpecText(bytes: Uint8Array, file: string): string {
  const fail = (offset: number, what: string): never => {
    const { line, col } = lineAndColumn(bytes, offset);
    throw new KitError('SPEC_ENCODING', `${what} at line ${line}, column ${col}; spec files must be UTF-8 text`, { file });
  };
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) fail(0, 'UTF-16 or UTF-32 byte order mark');
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) fail(0, 'UTF-32 byte order mark');
  const nul = bytes.indexOf(0);
  if (nul >= 0) fail(nul, 'NUL byte');
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return decoder.decode(bytes.subarray(start));
  } catch {
    return fail(firstInvalidUtf8(bytes, start), 'invalid UTF-8');
  }
}

/** 1-based line and column (in bytes) of a byte offset. */
function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

function firstInvalidUtf8(bytes: Uint8Array, start: number): number {
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (size === 0) return i;
    if (size > 1) {
      try {
        decoder.decode(bytes.subarray(i, i + size));
      } catch {
        return i;
      }
    }
    i += size;
  }
  return start;
}
