import { EXIT } from '../../errors.js';
import type { Registrar } from '../run.js';

// Placeholder until its issue lands: registered so --help lists it.
export function registerGenerate(registrar: Registrar): void {
  registrar
    .command('generate', 'not implemented yet')
    .action(
      registrar.run(async (ctx) => {
        ctx.stderr('numbers-contract: NOT_IMPLEMENTED generate is not implemented yet\n');
        return EXIT.internal;
      }),
    );
}
