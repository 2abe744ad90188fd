import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { limitStatements } from '../../../src/servers/store/repositories/limit-statements.js';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE t (k TEXT, v INTEGER); CREATE INDEX t_k ON t (k, v);');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
  for (let i = 0; i < 30; i++) insert.run(i % 2 === 0 ? 'a' : 'b', i % 7);
});
afterEach(() => db.close());

describe('limitStatements', () => {
  const sql = (limit: string) => `SELECT k, v FROM t WHERE k = @k ORDER BY v DESC, rowid LIMIT ${limit}`;

  it('answers what the bound-limit statement answers, for every limit', () => {
    const byLimit = limitStatements((limit) => db.prepare(sql(limit)), '@limit');
    const bound = db.prepare(sql('@limit'));
    for (const limit of [0, 1, 3, 15, 16, 100, 101, -1, 1e9]) {
      const { statement } = byLimit(limit);
      expect(statement.all({ k: 'a', limit }), String(limit)).toEqual(bound.all({ k: 'a', limit }));
    }
  });

  it('writes integers 0..100 into the text (one statement each) and binds the rest', () => {
    const texts: string[] = [];
    const byLimit = limitStatements((limit) => {
      texts.push(limit);
      return db.prepare(sql(limit));
    }, '@limit');
    expect(byLimit(20).bound).toBe(false);
    expect(byLimit(20).statement).toBe(byLimit(20).statement);
    expect(byLimit(101).bound).toBe(true);
    expect(byLimit(-1).bound).toBe(true);
    expect(byLimit(2.5).bound).toBe(true);
    expect(texts).toEqual(['20', '@limit']);
  });
});
