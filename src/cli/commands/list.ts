import { loadCatalog, selectCases } from '../../catalog/index.js';
import { formatEventTable } from '../../catalog/event-table.js';
import { formatCatalogTable } from '../../catalog/table.js';
import { EXIT, KitError } from '../../errors.js';
import { addSelectionOptions, CLI_SELECT, selectorFromOptions } from '../options.js';
import type { Registrar } from '../context.js';

export function registerList(registrar: Registrar): void {
  const command = registrar
    .command('list', 'print the error catalog: every documented error of every operation')
    .option('--json', 'print the cases as JSON (an array, in catalog order)')
    .option('--events', 'print the callback events instead: every documented event variant');
  addSelectionOptions(command).action(
    registrar.run(async (ctx, cmd) => {
      const opts = cmd.opts<{ json?: boolean; events?: boolean }>();
      const selector = selectorFromOptions(cmd.opts());
      if (opts.events === true && Object.keys(selector).length > 0) {
        throw new KitError(
          'USAGE',
          `selection flags (${Object.keys(selector)
            .map((k) => `--${k}`)
            .join(', ')}) select error cases; --events lists every event variant`,
          { argument: '--events' },
        );
      }
      const catalog = await loadCatalog(ctx.specPath);
      if (opts.events === true) {
        ctx.stdout(opts.json === true ? `${JSON.stringify(catalog.events, null, 2)}\n` : formatEventTable(catalog, catalog.events));
        return EXIT.ok;
      }
      const cases = selectCases(catalog.cases, selector, CLI_SELECT);
      ctx.stdout(opts.json === true ? `${JSON.stringify(cases, null, 2)}\n` : formatCatalogTable(catalog, cases));
      return EXIT.ok;
    }),
  );
}
