// One fresh process: what a consumer test file does before its first case is done, with the kit
// (import the package, select one case, run it with fetch, write the pact). Run against dist/.
import path from 'node:path';
const [, , kitEntry, outDir] = process.argv;
const { loadNumbersErrorMatrix } = await import(kitEntry);
const matrix = await loadNumbersErrorMatrix({
  consumer: 'first-case-kit',
  dir: outDir,
  select: { operation: 'NumberService_GetActiveNumber', status: 404 },
});
const only = matrix.cases[0];
await matrix.run(only, async ({ request }) => {
  const res = await fetch(request.url, { method: request.method, headers: request.headers });
  if (res.status !== 404) throw new Error(`expected 404, got ${res.status}`);
  await res.text();
});
const file = await matrix.writePact();
if (file === undefined || path.dirname(file) !== path.resolve(outDir)) throw new Error('no pact written');
// The child's own CPU time (startup included), for the bench's notes.
const cpu = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
