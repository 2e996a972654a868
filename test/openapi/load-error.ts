import { isKitError, type KitError } from '../../src/errors.js';
import { loadSpec, type LoadSpecOptions } from '../../src/openapi/load.js';

/** The KitError loading `file` ends in (any other error is rethrown; loading is a test failure). */
export async function loadError(file: string, options?: LoadSpecOptions): Promise<KitError> {
  try {
    await loadSpec(file, options);
  } catch (error) {
    if (isKitError(error)) return error;
    throw error;
  }
  throw new Error(`${file} loaded`);
}
