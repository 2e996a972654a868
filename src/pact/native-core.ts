/**
 * The Pact core's native binding, loaded straight from the platform package pact-core ships it in,
 * without pact-core's JavaScript wrapper. The wrapper costs a consumer test file ~40 ms of start-up
 * (measured: its logger, pino and pino-pretty, and the verifier's modules load with it) for a
 * dozen one-line calls into the binding; under Jest every test file pays that again in its own
 * module registry. The native library is the same file pact-core loads (the same `require` cache
 * entry, so one library per process either way).
 *
 * Only the plain case takes this path: no PACT_PREBUILD_* override, the platform package of the
 * installed pact-core's own version, a binding with every function the kit calls. Anything else
 * returns undefined and core.ts loads pact-core itself, as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The binding's functions the kit calls (pact-core 19's names; pact-core's wrapper calls the same). */
export interface PactFfi {
  pactffiInitWithLogLevel(level: string): void;
  pactffiNewPact(consumer: string, provider: string): number;
  pactffiWithSpecification(pact: number, version: number): boolean;
  pactffiWithPactMetadata(pact: number, namespace: string, name: string, value: string): boolean;
  pactffiNewInteraction(pact: number, description: string): number;
  pactffiGiven(interaction: number, state: string): boolean;
  pactffiGivenWithParams(interaction: number, state: string, params: string): boolean;
  pactffiAddTextComment(interaction: number, comment: string): boolean;
  pactffiAddInteractionReference(interaction: number, group: string, name: string, value: string): boolean;
  pactffiSetComment(interaction: number, key: string, value: string): boolean;
  pactffiWithRequest(interaction: number, method: string, path: string): boolean;
  pactffiWithQueryParameter(interaction: number, name: string, index: number, value: string): boolean;
  pactffiWithHeader(interaction: number, part: number, name: string, index: number, value: string): boolean;
  pactffiWithBody(interaction: number, part: number, contentType: string, body: string): boolean;
  pactffiResponseStatus(interaction: number, status: string): boolean;
  pactffiCreateMockServerForTransport(pact: number, address: string, port: number, transport: string, config: string): number;
  pactffiMockServerMatched(port: number): boolean;
  pactffiMockServerMismatches(port: number): string;
  pactffiCleanupMockServer(port: number): boolean;
  pactffiWritePactFile(pact: number, dir: string, overwrite: boolean): number;
  pactffiNewAsyncMessage(pact: number, description: string): number;
  pactffiMessageGiven(message: number, state: string): void;
  pactffiMessageGivenWithParams(message: number, state: string, params: string): void;
  pactffiMessageExpectsToReceive(message: number, description: string): void;
  pactffiMessageWithContents(message: number, contentType: string, body: string): void;
  pactffiMessageWithMetadata(message: number, name: string, value: string): void;
}

const FUNCTIONS: ReadonlyArray<keyof PactFfi> = [
  'pactffiInitWithLogLevel',
  'pactffiNewPact',
  'pactffiWithSpecification',
  'pactffiWithPactMetadata',
  'pactffiNewInteraction',
  'pactffiGiven',
  'pactffiGivenWithParams',
  'pactffiAddTextComment',
  'pactffiAddInteractionReference',
  'pactffiSetComment',
  'pactffiWithRequest',
  'pactffiWithQueryParameter',
  'pactffiWithHeader',
  'pactffiWithBody',
  'pactffiResponseStatus',
  'pactffiCreateMockServerForTransport',
  'pactffiMockServerMatched',
  'pactffiMockServerMismatches',
  'pactffiCleanupMockServer',
  'pactffiWritePactFile',
  'pactffiNewAsyncMessage',
  'pactffiMessageGiven',
  'pactffiMessageGivenWithParams',
  'pactffiMessageExpectsToReceive',
  'pactffiMessageWithContents',
  'pactffiMessageWithMetadata',
];

/** pact-core's platform packages by Node's platform and arch (pact-core's own naming). */
function platformPackages(platform: NodeJS.Platform, arch: string): string[] {
  const os = platform === 'win32' ? 'windows' : platform;
  const base = `@pact-foundation/pact-core-${os}-${arch}`;
  return platform === 'linux' ? [`${base}-glibc`, `${base}-musl`] : [base];
}

const packageVersion = (file: string): unknown => (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;

/**
 * The binding of the pact-core that `pactMain` (the installed `@pact-foundation/pact`) depends on,
 * or undefined when the plain case does not hold (core.ts then loads pact-core's wrapper).
 */
export function loadNativeFfi(pactMain: string, env: NodeJS.ProcessEnv = process.env): PactFfi | undefined {
  // The user has pointed pact-core's own lookup elsewhere: let pact-core follow it.
  if (env.PACT_PREBUILD_LOCATION !== undefined || env.PACT_PREBUILD_PACKAGE_LOCATION !== undefined) return undefined;
  try {
    const corePackage = createRequire(pactMain).resolve('@pact-foundation/pact-core/package.json');
    const coreVersion = packageVersion(corePackage);
    const fromCore = createRequire(corePackage);
    const found = platformPackages(process.platform, process.arch).flatMap((name) => {
      try {
        return [fromCore.resolve(`${name}/package.json`)];
      } catch {
        return [];
      }
    });
    // None, or both a glibc and a musl build: pact-core's own detection decides.
    if (found.length !== 1) return undefined;
    const platformPackage = found[0]!;
    if (packageVersion(platformPackage) !== coreVersion) return undefined;
    const binding = path.join(path.dirname(platformPackage), 'prebuilds', `${process.platform}-${process.arch}`, 'node.napi.node');
    if (!existsSync(binding)) return undefined;
    const ffi = fromCore(binding) as Partial<PactFfi>;
    return FUNCTIONS.every((name) => typeof ffi[name] === 'function') ? (ffi as PactFfi) : undefined;
  } catch {
    return undefined;
  }
}
