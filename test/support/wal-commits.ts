import { existsSync, readFileSync } from 'node:fs';

/**
 * How many transactions are committed in a SQLite file's WAL (`<path>-wal`) since it was last reset: the
 * valid frames (salts of the WAL header) whose header records a database size, which only a commit's
 * last frame does. Counts what reached the file, whatever connection wrote it — a test's way to see that
 * writes share a commit. Valid until a checkpoint resets the WAL (our stores checkpoint every 10,000 pages).
 */
export function walCommits(path: string): number {
  const wal = `${path}-wal`;
  if (!existsSync(wal)) return 0;
  const bytes = readFileSync(wal);
  if (bytes.length < 32) return 0;
  const pageSize = bytes.readUInt32BE(8);
  const salt1 = bytes.readUInt32BE(16);
  const salt2 = bytes.readUInt32BE(20);
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= bytes.length; at += 24 + pageSize) {
    if (bytes.readUInt32BE(at + 8) !== salt1 || bytes.readUInt32BE(at + 12) !== salt2) break;
    if (bytes.readUInt32BE(at + 4) !== 0) commits++;
  }
  return commits;
}
