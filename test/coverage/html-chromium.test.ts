/**
 * The HTML report in a real browser: Debian's Chromium driven by playwright-core. The page loads
 * from file:// with no console error and no request beyond itself, shows exactly the covered and
 * uncovered cells the JSON report counts, and every cell links to its case's detail block.
 * At 1280 px and wider the matrix (every status column, Covered, the totals) fits the window and no
 * cell overflows, checked on element boxes; narrower, only the matrix scrolls.
 * Chromium comes from `apt-get install chromium` (.ci/run does it); without it the test fails under
 * CI and is skipped locally.
 */
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { cli } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('coverage: the HTML report in headless Chromium', function () {
  this.timeout(60_000);
  let dir: string;
  let context: BrowserContext | undefined;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: .ci/run must install Debian's chromium (apt-get install -y chromium)`);
      this.skip();
    }
    dir = await mkdtemp(path.join(os.tmpdir(), 'nck-cov-chromium-'));
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  after(async () => {
    await context?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  interface JsonReport {
    totals: { covered: number; uncovered: number; applicable: number; percent: number };
    operations: Array<{ operationId: string; covered: number; uncovered: number; cases: Array<{ status: number }> }>;
  }
  /** The same pacts' JSON report: the page must show what it counts (the catalog grows; the numbers are not restated here). */
  async function jsonReport(args: string[]): Promise<JsonReport> {
    const { code, stdout } = await cli(['coverage', ...args, '--json']);
    expect(code).to.equal(0);
    return JSON.parse(stdout) as JsonReport;
  }

  async function open(args: string[]): Promise<{ page: import('playwright-core').Page; problems: string[]; requests: string[] }> {
    const file = path.join(dir, `report-${args.length}-${Math.random().toString(36).slice(2, 8)}.html`);
    const { code } = await cli(['coverage', ...args, '--html', file]);
    expect(code).to.equal(0);
    const page = await context!.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: 'load' });
    expect(requests).to.deep.equal([url]);
    return { page, problems, requests };
  }

  it('hand-written V3 + V4 pacts: the covered and uncovered cells the JSON report counts, no console error', async () => {
    const pacts = ['test/fixtures/pacts/hand-v3.json', 'test/fixtures/pacts/hand-v4.json'];
    const report = await jsonReport(pacts);
    const { page, problems } = await open(pacts);
    expect(report.totals.covered).to.equal(10);
    expect(await page.locator('table.matrix a.cell[data-covered="true"]').count()).to.equal(report.totals.covered);
    expect(await page.locator('table.matrix a.cell[data-covered="false"]').count()).to.equal(report.totals.uncovered);
    expect(await page.locator('table.matrix tbody tr').count()).to.equal(report.operations.length);
    const active = report.operations.find((o) => o.operationId === 'NumberService_GetActiveNumber')!;
    const row = page.locator('tr[data-operation="NumberService_GetActiveNumber"]');
    expect(await row.locator('a.cell[data-covered="true"]').count()).to.equal(active.covered);
    expect(await row.locator('a.cell[data-covered="false"]').count()).to.equal(active.uncovered);
    expect(await page.locator('p.summary').innerText()).to.contain(`Covered ${report.totals.covered} of ${report.totals.applicable} documented errors (${report.totals.percent.toFixed(1)}%)`);
    expect(await page.locator('#undocumented + table tbody tr').count()).to.equal(8);

    // Covered cells are painted differently from uncovered ones.
    const colour = (selector: string): Promise<string> =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colour('a.cell[data-covered="true"]')).to.not.equal(await colour('a.cell[data-covered="false"]'));

    // Every cell links to a detail block that exists and names the same case, with its documentation sentence.
    const links = await page.locator('a.cell').evaluateAll((els) =>
      els.map((el) => {
        const target = document.getElementById((el.getAttribute('href') ?? '').slice(1));
        return { caseId: el.getAttribute('data-case'), target: target?.getAttribute('data-case') ?? null, quote: target?.querySelector('blockquote')?.textContent ?? '' };
      }),
    );
    expect(links).to.have.length(report.totals.covered + report.totals.uncovered);
    for (const link of links) {
      expect(link.target).to.equal(link.caseId);
      // An error case quotes its documentation; a provisioning failure (a 200 answer) has no sentence to quote.
      if (!link.caseId!.includes('/200/')) expect(link.quote.length, link.caseId!).to.be.greaterThan(10);
    }
    await page.locator('a.cell[data-case="NumberService_RentNumber/403/unknown_campaign"]').click();
    expect(new URL(page.url()).hash).to.equal('#case-NumberService_RentNumber-403-unknown_campaign');
    expect(await page.locator('#case-NumberService_RentNumber-403-unknown_campaign').isVisible()).to.equal(true);
    expect(problems).to.deep.equal([]);
    await page.close();
  });

  /** Where the matrix and every box in it lie at a window width, and which cells overflow. */
  async function layout(page: import('playwright-core').Page, width: number): Promise<Record<string, unknown>> {
    await page.setViewportSize({ width, height: 900 });
    return page.evaluate(() => {
      const view = document.documentElement.clientWidth;
      const boxes = [...document.querySelectorAll('table.matrix thead th, table.matrix tfoot td, table.matrix tbody tr > *:last-child, table.matrix td[data-status]')];
      const cells = [...document.querySelectorAll('table.matrix th, table.matrix td, table.matrix a.cell, dd, table.list td')];
      return {
        pageScrolls: document.documentElement.scrollWidth > view,
        matrixScrolls: (document.querySelector('.scroll') as HTMLElement).scrollWidth > (document.querySelector('.scroll') as HTMLElement).clientWidth,
        statusColumns: document.querySelectorAll('table.matrix thead th').length - 2,
        outsideViewport: boxes.filter((b) => {
          const r = b.getBoundingClientRect();
          return r.left < 0 || r.right > view;
        }).length,
        overflowing: cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => (c.textContent ?? '').slice(0, 40)),
        totalsRight: Math.round(document.querySelector('table.matrix tfoot td:last-child')!.getBoundingClientRect().right),
        view,
      };
    });
  }

  for (const width of [1280, 1920]) {
    it(`at ${width} px the whole catalog's matrix shows every status column, Covered and the totals without scrolling; no cell overflows`, async () => {
      const contract = ['contracts/numbers-consumer-sinch-numbers.json'];
      const statuses = new Set((await jsonReport(contract)).operations.flatMap((o) => o.cases.map((c) => c.status)));
      const { page, problems } = await open(contract);
      const seen = await layout(page, width);
      expect(seen).to.deep.include({ pageScrolls: false, matrixScrolls: false, statusColumns: statuses.size, outsideViewport: 0, overflowing: [] });
      expect(seen.totalsRight as number).to.be.at.most(width);
      expect(problems).to.deep.equal([]);
      await page.close();
    });
  }

  it('at 1280 px hostile pact content (long descriptions, paths) overflows no cell and widens no page; at 800 px only the matrix scrolls', async () => {
    const { page } = await open(['test/fixtures/pacts/hand-v3.json', 'test/fixtures/pacts/hand-v4.json', 'test/fixtures/pacts/hostile.json']);
    expect(await layout(page, 1280)).to.deep.include({ pageScrolls: false, matrixScrolls: false, outsideViewport: 0, overflowing: [] });
    expect(await layout(page, 800)).to.deep.include({ pageScrolls: false, matrixScrolls: true, overflowing: [] });
    await page.close();
  });

  it('escapes hostile pact content: the page runs no script', async () => {
    const { page, problems } = await open(['test/fixtures/pacts/hostile.json']);
    expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned === true)).to.equal(false);
    expect(await page.locator('script, img, iframe').count()).to.equal(0);
    const report = await jsonReport(['test/fixtures/pacts/hostile.json']);
    expect(report.totals.covered).to.equal(1);
    expect(await page.locator('a.cell[data-covered="true"]').count()).to.equal(1);
    expect(await page.locator('a.cell[data-covered="false"]').count()).to.equal(report.totals.uncovered);
    expect(await page.locator('#undocumented + table').innerText()).to.contain('<script>window.pwned=true</script>');
    expect(problems).to.deep.equal([]);
    await page.close();
  });
});
