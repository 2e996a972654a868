import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Every path the process hands to a reading or path-resolving fs function while the spy is on. */
export interface FsSpy {
  calls: { fn: string; path: string }[];
  restore(): void;
}

const PROMISE_FNS = ['open', 'readFile', 'stat', 'lstat', 'realpath', 'readlink', 'opendir', 'readdir', 'access'] as const;
const SYNC_FNS = ['openSync', 'readFileSync', 'statSync', 'lstatSync', 'realpathSync', 'readlinkSync', 'existsSync', 'readdirSync', 'accessSync', 'createReadStream', 'open', 'readFile', 'stat', 'lstat', 'realpath', 'readlink'] as const;

/**
 * Wraps the fs functions (callback, sync and promise forms) and re-syncs the ESM named exports,
 * so that `import { open } from 'node:fs/promises'` in the code under test goes through the spy.
 */
export function spyOnFs(): FsSpy {
  const calls: FsSpy['calls'] = [];
  const restores: (() => void)[] = [];
  const wrap = (target: Record<string, unknown>, name: string, label: string): void => {
    const original = target[name] as ((...args: unknown[]) => unknown) & Record<string, unknown>;
    if (typeof original !== 'function') return;
    const wrapped = Object.assign(function (this: unknown, ...args: unknown[]) {
      const first = args[0];
      const where = first instanceof URL ? fileURLToPath(first) : typeof first === 'string' || Buffer.isBuffer(first) ? String(first) : undefined;
      if (where !== undefined) calls.push({ fn: label, path: where });
      return original.apply(this, args);
    }, original);
    target[name] = wrapped;
    restores.push(() => {
      target[name] = original;
    });
  };
  for (const name of PROMISE_FNS) wrap(fs.promises as unknown as Record<string, unknown>, name, `promises.${name}`);
  for (const name of SYNC_FNS) wrap(fs as unknown as Record<string, unknown>, name, name);
  syncBuiltinESMExports();
  return {
    calls,
    restore() {
      for (const restore of restores.reverse()) restore();
      syncBuiltinESMExports();
    },
  };
}
