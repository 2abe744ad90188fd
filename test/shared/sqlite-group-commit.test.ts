import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/shared/index.js';
import { walCommits } from '../support/wal-commits.js';

let dir: string;
const open: Database.Database[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-group-commit-'));
});
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function database(): Database.Database {
  const db = new Database(join(dir, 'group.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  open.push(db);
  return db;
}

/** A group commit inserting `[id, name]` rows, logging its hooks. */
function inserts(db: Database.Database, log: string[]) {
  const insert = db.prepare<[number, string | null]>('INSERT INTO item (id, name) VALUES (?, ?)');
  return new GroupCommit<[number, string | null], number>(
    db,
    ([id, name]) => Number(insert.run(id, name).lastInsertRowid),
    {
      committed: ([id]) => {
        if (id === 99) throw new Error('bookkeeping failed');
        log.push(`committed ${id}`);
      },
      failed: ([id]) => log.push(`failed ${id}`),
    },
  );
}

describe('GroupCommit', () => {
  it('runs the hooks in the order of the calls, once committed, before any caller resumes', async () => {
    const db = database();
    const log: string[] = [];
    const group = inserts(db, log);
    const before = walCommits(join(dir, 'group.db'));
    const calls = [1, 2, 1, 3].map((id) =>
      group.submit([id, `n${id}`]).then(
        (rowid) => log.push(`resumed ${rowid} after ${log.length} hooks`),
        () => log.push(`rejected ${id} after ${log.length} hooks`),
      ),
    );
    await Promise.all(calls);
    expect(log).toEqual([
      'committed 1',
      'committed 2',
      'failed 1', // the id is taken within the group: its savepoint alone rolls back
      'committed 3',
      'resumed 1 after 4 hooks',
      'resumed 2 after 5 hooks',
      'rejected 1 after 6 hooks',
      'resumed 3 after 7 hooks',
    ]);
    expect(walCommits(join(dir, 'group.db')) - before).toBe(1);
    expect(db.prepare('SELECT id FROM item ORDER BY id').pluck().all()).toEqual([1, 2, 3]);
  });

  it('rejects a call whose bookkeeping throws, its write committed; the others resolve', async () => {
    const db = database();
    const group = inserts(db, []);
    const results = await Promise.allSettled([group.submit([99, 'x']), group.submit([4, 'y'])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(db.prepare('SELECT id FROM item ORDER BY id').pluck().all()).toEqual([4, 99]);
  });

  it('rejects every call of a group whose transaction cannot begin, each with its failed hook', async () => {
    const db = database();
    db.pragma('busy_timeout = 0');
    const other = database();
    other.prepare('BEGIN IMMEDIATE').run();
    const log: string[] = [];
    const group = inserts(db, log);
    const results = await Promise.allSettled([group.submit([1, 'a']), group.submit([2, 'b'])]);
    other.prepare('ROLLBACK').run();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/locked|busy/i);
    expect(log).toEqual(['failed 1', 'failed 2']);
    // The next group writes as it would have alone.
    await group.submit([1, 'a']);
    expect(db.prepare('SELECT id FROM item').pluck().all()).toEqual([1]);
  });

  it('writes a group of one without a savepoint, its failure rejecting it', async () => {
    const db = database();
    const log: string[] = [];
    const group = inserts(db, log);
    await expect(group.submit([1, null])).rejects.toThrow(/NOT NULL/);
    expect(log).toEqual(['failed 1']);
    expect(db.inTransaction).toBe(false);
  });

  it('writes what is queued on flush', async () => {
    const db = database();
    const group = inserts(db, []);
    const call = group.submit([7, 'now']);
    group.flush();
    expect(db.prepare('SELECT id FROM item').pluck().all()).toEqual([7]);
    expect(await call).toBe(7);
  });
});
