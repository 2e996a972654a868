import { loadCatalog, selectCases } from '../../catalog/index.js';
import { formatCatalogTable } from '../../catalog/table.js';
import { EXIT } from '../../errors.js';
import { checkFilterNames, filterOptions, parseFilter, type RawFilterOptions } from '../options.js';
import type { Registrar } from '../run.js';

export function registerList(registrar: Registrar): void {
  const command = registrar
    .command('list', 'print the error catalog: every documented error of every operation')
    .option('--json', 'print the cases as JSON (an array, in catalog order)');
  for (const option of filterOptions()) command.addOption(option);
  command.action(
    registrar.run(async (ctx, cmd) => {
      const opts = cmd.opts<RawFilterOptions & { json?: boolean }>();
      const filter = parseFilter(opts);
      const catalog = await loadCatalog(ctx.specPath);
      checkFilterNames(filter, { operations: catalog.operations.map((o) => o.operationId), codes: [...new Set(catalog.cases.map((c) => c.code))] });
      const cases = selectCases(catalog.cases, filter);
      ctx.stdout(opts.json === true ? `${JSON.stringify(cases, null, 2)}\n` : formatCatalogTable(catalog, cases));
      return EXIT.ok;
    }),
  );
}
