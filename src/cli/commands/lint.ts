import { EXIT, KitError } from '../../errors.js';
import { lintSpec } from '../../lint/index.js';
import { loadSpec } from '../../openapi/load.js';
import { SpecProblems } from '../../openapi/problems.js';
import type { Registrar } from '../context.js';
import { reportError } from '../report.js';
import { displayPath } from '../../util/display-path.js';

/**
 * `numbers-contract lint [--spec FILE] [--json]`: the front door (any problem there is the usual
 * one line, exit 2), then every semantic check, all findings reported, one line each:
 * `numbers-contract: LINT_CODE file#pointer: message`, and a last line with the count; exit 2.
 * No findings: one summary line on stdout, exit 0. `--json` prints the report on stdout instead.
 */
export function registerLint(registrar: Registrar): void {
  registrar
    .command('lint', 'check the spec: OpenAPI 3 semantics swagger-parser skips, and the kit rules (examples, triggers, provenance, applicability)')
    .option('--json', 'print the findings as JSON on stdout')
    .action(
      registrar.run(async (ctx, cmd) => {
        const opts = cmd.opts<{ json?: boolean }>();
        let spec;
        try {
          spec = await loadSpec(ctx.specPath);
        } catch (error) {
          // Several problems of one kind found at once (every missing $ref): one line each.
          if (!(error instanceof SpecProblems) || opts.json === true) throw error;
          for (const problem of error.problems) reportError(new KitError(problem.code, problem.message, problem), ctx, false);
          return error.exitCode;
        }
        const report = lintSpec(spec);
        const shown = displayPath(ctx.cwd, report.file);
        if (opts.json === true) {
          const findings = report.findings.map(({ code, pointer, message }) => ({ code, pointer, message }));
          ctx.stdout(`${JSON.stringify({ file: shown, operations: report.operations, cases: report.cases, findings }, null, 2)}\n`);
          return findings.length === 0 ? EXIT.ok : EXIT.badInput;
        }
        if (report.findings.length === 0) {
          ctx.stdout(`numbers-contract lint: ${shown}: no findings (${report.operations} operations, ${report.cases} cases)\n`);
          return EXIT.ok;
        }
        for (const finding of report.findings) {
          reportError(new KitError(finding.code, finding.message, { file: finding.file, pointer: finding.pointer }), ctx, false);
        }
        const count = report.findings.length;
        reportError(new KitError('LINT_FAILED', `${count} finding${count === 1 ? '' : 's'}`, { file: report.file }), ctx, false);
        return EXIT.badInput;
      }),
    );
}
