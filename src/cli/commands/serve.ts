import { EXIT } from '../../errors.js';
import type { Registrar } from '../run.js';

// Placeholder until its issue lands: registered so --help lists it.
export function registerServe(registrar: Registrar): void {
  registrar
    .command('serve', 'not implemented yet')
    .action(
      registrar.run(async (ctx) => {
        ctx.stderr('numbers-contract: NOT_IMPLEMENTED serve is not implemented yet\n');
        return EXIT.internal;
      }),
    );
}
