/**
 * Language detector accuracy (PT-BR / English / Spanish) on the routing holdout's `lang` field, overall
 * and per language, with the misses. A score only: the detector is never tuned on these messages.
 * Prints figures; it asserts nothing.
 *
 *   npx tsx bench/language-detection.bench.ts [--file test/fixtures/routing/trust-holdout.jsonl]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLanguage } from '../src/shared/index.js';

const fileIndex = process.argv.indexOf('--file');
const FILE =
  fileIndex > 0
    ? (process.argv[fileIndex + 1] as string)
    : join(import.meta.dirname, '../test/fixtures/routing/trust-holdout.jsonl');

const rows = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as { id: string; text: string; lang: string });

const byLanguage = new Map<string, { right: number; total: number }>();
const misses: string[] = [];
for (const row of rows) {
  const got = detectLanguage(row.text).language;
  const entry = byLanguage.get(row.lang) ?? { right: 0, total: 0 };
  entry.total++;
  if (got === row.lang) entry.right++;
  else misses.push(`${row.id} (${row.lang} → ${got}): ${row.text}`);
  byLanguage.set(row.lang, entry);
}
const pct = (right: number, total: number) => `${((100 * right) / total).toFixed(1)} % (${right}/${total})`;
const right = rows.length - misses.length;
console.log(`language detection on ${FILE}`);
console.log(`overall  ${pct(right, rows.length)}`);
for (const [language, entry] of [...byLanguage].sort())
  console.log(`${language.padEnd(8)} ${pct(entry.right, entry.total)}`);
if (misses.length > 0) console.log(`misses:\n  ${misses.join('\n  ')}`);
