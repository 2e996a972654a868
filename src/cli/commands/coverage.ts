import path from 'node:path';
import { Option } from 'commander';
import { belowThreshold, computeCoverage, formatCoverageHtml, formatCoverageJson, formatCoverageText } from '../../coverage/index.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { EXIT, KitError, type ExitCode } from '../../errors.js';
import { addSelectionOptions, collect } from '../options.js';
import type { Registrar } from '../context.js';

interface CoverageOptions {
  operation?: string[];
  /** The old spelling, kept as a hidden alias. */
  operations?: string[];
  json?: boolean;
  failUnder?: string;
  failOnUndocumented?: boolean;
  html?: string;
  notApplicable?: string;
}

function parseThreshold(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim().replace(/%$/, '');
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) > 100) {
    throw new KitError('USAGE', `takes a percentage from 0 to 100, got ${JSON.stringify(raw)}`, { argument: '--fail-under' });
  }
  return Number(value);
}

export function registerCoverage(registrar: Registrar): void {
  const command = registrar
    .command('coverage', "which documented errors of the operations a consumer calls its pact files exercise (and which interactions the spec doesn't document)")
    .argument('<pacts...>', 'consumer pact files (Pact V1-V4), or directories of them')
    .addOption(new Option('--operations <operationIds>').hideHelp().argParser(collect))
    .option('--json', 'print the report as JSON')
    .option('--fail-under <percent>', 'exit 1 when less than this percentage of the documented errors in scope is covered')
    .option('--fail-on-undocumented', 'exit 1 when a pact holds an error interaction the spec does not document')
    .option('--html <file>', 'also write a self-contained HTML report to this file')
    .option('--not-applicable <file>', 'a JSON list of cases that do not apply to this client, each with a selection and a reason: counted apart from covered and uncovered');
  addSelectionOptions(command, ['operation'], { operation: 'an operation in scope (default: those the pacts call)' }).action(
    registrar.run(async (ctx, cmd) => {
      const opts = cmd.opts<CoverageOptions>();
      const threshold = parseThreshold(opts.failUnder);
      const operations = opts.operation === undefined && opts.operations === undefined ? undefined : [...(opts.operation ?? []), ...(opts.operations ?? [])];
      const report = await computeCoverage({
        specPath: ctx.specPath,
        pacts: cmd.args,
        cwd: ctx.cwd,
        onNote: (note) =>
          ctx.stderr(`numbers-contract: note: ${note}
`),
        ...(operations === undefined ? {} : { operations }),
        ...(opts.notApplicable === undefined ? {} : { notApplicable: opts.notApplicable }),
      });
      for (const warning of report.notApplicable?.warnings ?? []) ctx.stderr(`numbers-contract: warning: ${warning}\n`);
      if (opts.html !== undefined) await writeFileAtomic(path.resolve(ctx.cwd, opts.html), formatCoverageHtml(report));
      ctx.stdout(opts.json === true ? formatCoverageJson(report) : formatCoverageText(report));

      const t = report.totals;
      let code: ExitCode = EXIT.ok;
      if (threshold !== undefined && belowThreshold(report, threshold)) {
        ctx.stderr(`numbers-contract: COVERAGE_BELOW --fail-under: ${t.percent.toFixed(1)}% of the ${t.notApplicable === 0 ? '' : 'applicable '}documented errors in scope covered (${t.covered} of ${t.applicable}), below ${threshold}%\n`);
        code = EXIT.contractFailure;
      }
      if (opts.failOnUndocumented === true && t.undocumented > 0) {
        ctx.stderr(`numbers-contract: COVERAGE_UNDOCUMENTED --fail-on-undocumented: ${t.undocumented} interaction(s) in the pacts are not documented by the spec\n`);
        code = EXIT.contractFailure;
      }
      return code;
    }),
  );
}
