import { EXIT } from '../../errors.js';
import type { Registrar } from '../run.js';

export function registerList(registrar: Registrar): void {
  registrar
    .command('list', 'print the error catalog')
    .action(
      registrar.run(async (ctx) => {
        ctx.stderr('numbers-contract: NOT_IMPLEMENTED list is being written\n');
        return EXIT.internal;
      }),
    );
}
