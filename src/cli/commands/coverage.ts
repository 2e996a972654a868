import { EXIT } from '../../errors.js';
import type { Registrar } from '../run.js';

// Placeholder until its issue lands: registered so --help lists it.
export function registerCoverage(registrar: Registrar): void {
  registrar
    .command('coverage', 'not implemented yet')
    .action(
      registrar.run(async (ctx) => {
        ctx.stderr('numbers-contract: NOT_IMPLEMENTED coverage is not implemented yet\n');
        return EXIT.internal;
      }),
    );
}
