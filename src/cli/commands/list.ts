import { loadCatalog, selectCases } from '../../catalog/index.js';
import { formatCatalogTable } from '../../catalog/table.js';
import { EXIT } from '../../errors.js';
import { addSelectionOptions, CLI_SELECT, selectorFromOptions } from '../options.js';
import type { Registrar } from '../run.js';

export function registerList(registrar: Registrar): void {
  const command = registrar
    .command('list', 'print the error catalog: every documented error of every operation')
    .option('--json', 'print the cases as JSON (an array, in catalog order)');
  addSelectionOptions(command).action(
    registrar.run(async (ctx, cmd) => {
      const opts = cmd.opts<{ json?: boolean }>();
      const catalog = await loadCatalog(ctx.specPath);
      const cases = selectCases(catalog.cases, selectorFromOptions(cmd.opts()), CLI_SELECT);
      ctx.stdout(opts.json === true ? `${JSON.stringify(cases, null, 2)}\n` : formatCatalogTable(catalog, cases));
      return EXIT.ok;
    }),
  );
}
