import { loadCatalog, selectCases } from '../../catalog/index.js';
import { formatEventTable } from '../../catalog/event-table.js';
import { formatCatalogTable } from '../../catalog/table.js';
import { EXIT, KitError } from '../../errors.js';
import { checkFilterNames, filterOptions, parseFilter, type RawFilterOptions } from '../options.js';
import type { Registrar } from '../run.js';

export function registerList(registrar: Registrar): void {
  const command = registrar
    .command('list', 'print the error catalog: every documented error of every operation')
    .option('--json', 'print the cases as JSON (an array, in catalog order)')
    .option('--events', 'print the callback events instead: every documented event variant');
  for (const option of filterOptions()) command.addOption(option);
  command.action(
    registrar.run(async (ctx, cmd) => {
      const opts = cmd.opts<RawFilterOptions & { json?: boolean; events?: boolean }>();
      const filter = parseFilter(opts);
      if (opts.events === true && Object.keys(filter).length > 0) {
        throw new KitError('USAGE', '--operation, --status, --code and --envelope select error cases; --events lists every event variant', { argument: '--events' });
      }
      const catalog = await loadCatalog(ctx.specPath);
      if (opts.events === true) {
        ctx.stdout(opts.json === true ? `${JSON.stringify(catalog.events, null, 2)}\n` : formatEventTable(catalog, catalog.events));
        return EXIT.ok;
      }
      checkFilterNames(filter, { operations: catalog.operations.map((o) => o.operationId), codes: [...new Set(catalog.cases.map((c) => c.code))] });
      const cases = selectCases(catalog.cases, filter);
      ctx.stdout(opts.json === true ? `${JSON.stringify(cases, null, 2)}\n` : formatCatalogTable(catalog, cases));
      return EXIT.ok;
    }),
  );
}
