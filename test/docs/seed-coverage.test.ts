import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCoverage, renderSummary, SEED_COVERAGE_PATH, withRenderedSummary } from '../../scripts/seed-coverage.js';

const page = readFileSync(SEED_COVERAGE_PATH, 'utf8');
const rows = parseCoverage(page);
const root = join(SEED_COVERAGE_PATH, '..', '..');

/** Test files a row cites: `path.test.ts` as written, resolved under test/ (full or by basename). */
function citedTestFiles(cell: string): string[] {
  return [...cell.matchAll(/`([\w./-]+\.test\.ts)`/g)].map((m) => m[1] as string);
}

const allTestFiles = readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' }).filter((f) =>
  f.endsWith('.test.ts'),
);

describe('docs/SEED-COVERAGE.md stays true', () => {
  it('numbers its rows 1..N once each', () => {
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.map((r) => r.item)).toEqual(rows.map((_, i) => i + 1));
  });

  it('has a summary block equal to the one rendered from its rows', () => {
    expect(page).toBe(withRenderedSummary(page));
    expect(page).toContain(renderSummary(rows));
  });

  it('cites, for every done row, a test file that exists', () => {
    // "same" cites the row above's tests.
    let previous: string[] = [];
    const cites = rows.map((r) => {
      const own = citedTestFiles(r.test);
      previous = own.length === 0 && r.test.startsWith('same') ? previous : own;
      return previous;
    });
    const unproven = rows
      .filter((r) => r.status === 'done')
      .filter((r) => {
        const cited = cites[r.item - 1] ?? [];
        if (cited.length === 0) return !/\.test\.ts|test\//.test(r.test);
        return !cited.some(
          (file) => existsSync(join(root, 'test', file)) || allTestFiles.some((f) => f.endsWith(file)),
        );
      })
      .map((r) => `${r.item}: ${r.test}`);
    expect(unproven).toEqual([]);
  });
});
