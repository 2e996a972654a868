import path from 'node:path';
import { oneLine } from './terminal.js';

/**
 * How a file is named in output: relative to `cwd` with `/` separators when it lies below it, else
 * as given (absolute, or a URL): never `../..`, which reads as a different place from another cwd.
 * A file name may hold any character but `/`: its controls and line breaks are shown escaped.
 */
export function displayPath(cwd: string, file: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return oneLine(file);
  const rel = path.relative(cwd, file);
  return oneLine(rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/'));
}
