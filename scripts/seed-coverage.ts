/**
 * Reads docs/SEED-COVERAGE.md's rows and renders its summary block from them, so the counts can never
 * drift from the table. `npx tsx scripts/seed-coverage.ts --write` rewrites the block in place;
 * test/docs/seed-coverage.test.ts fails when the committed block differs from the rendered one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEED_COVERAGE_PATH = fileURLToPath(new URL('../docs/SEED-COVERAGE.md', import.meta.url));

export type CoverageStatus = 'done' | 'partial' | 'missing';

export interface CoverageRow {
  item: number;
  title: string;
  status: CoverageStatus;
  where: string;
  test: string;
}

const ROW = /^\| (\d+)\. (.*?) \| (done|partial|missing)\b[^|]*\| (.*?) \| (.*?) \|$/;
const BLOCK = /<!-- summary:start -->[\s\S]*?<!-- summary:end -->/;

/** Every item row of the page, in order. */
export function parseCoverage(markdown: string): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const line of markdown.split('\n')) {
    const match = ROW.exec(line);
    if (!match) continue;
    const [, item, title, status, where, test] = match as unknown as [
      string,
      string,
      string,
      CoverageStatus,
      string,
      string,
    ];
    rows.push({ item: Number(item), title, status, where, test });
  }
  return rows;
}

/** The summary block: counts per status and the partial and missing rows, from the rows themselves. */
export function renderSummary(rows: readonly CoverageRow[]): string {
  const of = (status: CoverageStatus) => rows.filter((r) => r.status === status);
  const list = (status: CoverageStatus) =>
    of(status)
      .map((r) => r.item)
      .join(', ') || 'none';
  return [
    '<!-- summary:start -->',
    `${rows.length} items (generated from the rows above by \`npx tsx scripts/seed-coverage.ts --write\`).`,
    '',
    '| status | count |',
    '|---|---|',
    `| **done** | **${of('done').length}** |`,
    `| **partial** | **${of('partial').length}** |`,
    `| **missing** | **${of('missing').length}** |`,
    '',
    `Partial rows: ${list('partial')}.`,
    '',
    `Missing rows: ${list('missing')}.`,
    '<!-- summary:end -->',
  ].join('\n');
}

/** The page with its summary block rendered from its rows. */
export function withRenderedSummary(markdown: string): string {
  if (!BLOCK.test(markdown)) throw new Error('docs/SEED-COVERAGE.md has no <!-- summary:start --> block');
  return markdown.replace(BLOCK, renderSummary(parseCoverage(markdown)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const page = readFileSync(SEED_COVERAGE_PATH, 'utf8');
  const rendered = withRenderedSummary(page);
  if (process.argv.includes('--write')) writeFileSync(SEED_COVERAGE_PATH, rendered);
  else process.stdout.write(`${renderSummary(parseCoverage(page))}\n`);
}
