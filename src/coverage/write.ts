import { EXIT, KitError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';

/** Writes a report atomically; a failure is an environment error naming the file. */
export async function writeReportAtomic(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new KitError('COVERAGE_HTML_WRITE', `cannot write the report (${code})`, { file, exitCode: EXIT.environment, cause: error });
  }
}
