import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPgPool,
  lazyMigration,
  loadEnv,
  migratePostgres,
  PostgresError,
  pgQuery,
} from '../../src/shared/index.js';
import { freshSchema, type TestSchema } from '../support/postgres.js';

let schema: TestSchema | undefined;
const pools: Array<{ end(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.end()));
  await schema?.drop();
  schema = undefined;
});

function pool(url: string, options: Parameters<typeof createPgPool>[1] = {}) {
  const created = createPgPool(url, options);
  pools.push(created);
  return created;
}

describe('migratePostgres', () => {
  it('applies pending steps once across instances migrating at the same time, in order, recording each', async () => {
    schema = await freshSchema('mig');
    const url = schema.url;
    const steps = [
      'CREATE TABLE widgets (id INT PRIMARY KEY)',
      'ALTER TABLE widgets ADD COLUMN name TEXT',
      "INSERT INTO widgets VALUES (1, 'first')",
    ];
    const applied = await Promise.all([1, 2, 3].map(() => migratePostgres(pool(url, { max: 1 }), 'widgets', steps)));
    expect(applied.reduce((a, b) => a + b, 0)).toBe(3);
    const { rows } = await schema.query('SELECT component, version FROM ventros_migrations ORDER BY version');
    expect(rows).toEqual([
      { component: 'widgets', version: 1 },
      { component: 'widgets', version: 2 },
      { component: 'widgets', version: 3 },
    ]);
    // A new step later applies alone; another component numbers its own steps.
    expect(await migratePostgres(pool(url), 'widgets', [...steps, 'ALTER TABLE widgets ADD COLUMN size INT'])).toBe(1);
    expect(await migratePostgres(pool(url), 'gadgets', ['CREATE TABLE gadgets (id INT)'])).toBe(1);
    expect((await schema.query('SELECT count(*)::int AS n FROM widgets')).rows).toEqual([{ n: 1 }]);
  });

  it('rolls a failed step back entirely and says which store failed', async () => {
    schema = await freshSchema('mig_fail');
    const steps = ['CREATE TABLE ok (id INT)', 'CREATE TABLE broken (id NOT_A_TYPE)'];
    const error = await migratePostgres(pool(schema.url), 'broken', steps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostgresError);
    expect(String((error as Error).message)).toMatch(/schema of broken/);
    const { rows } = await schema.query(`SELECT to_regclass('ok') AS ok`);
    expect(rows).toEqual([{ ok: null }]);
  });
});

describe('lazyMigration', () => {
  it('retries on the next call when the database was not there at start, then migrates once', async () => {
    const base = new URL(process.env['TEST_DATABASE_URL'] ?? '');
    const name = `ventros_late_${randomBytes(4).toString('hex')}`;
    const late = new URL(base);
    late.pathname = `/${name}`;
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    try {
      let readied = 0;
      const ready = lazyMigration(pool(late.toString()), 'late', ['CREATE TABLE t (id INT)'], () => readied++);
      await expect(ready()).rejects.toBeInstanceOf(PostgresError);
      await admin.query(`CREATE DATABASE ${name}`);
      await Promise.all([ready(), ready()]);
      await ready();
      expect(readied).toBe(1);
    } finally {
      await Promise.all(pools.splice(0).map((p) => p.end()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe('createPgPool', () => {
  it('refuses a URL that is not postgres://', () => {
    expect(() => createPgPool('mysql://localhost/db')).toThrow(PostgresError);
  });

  it('stops a statement past its timeout with a typed deadline_exceeded error', async () => {
    schema = await freshSchema('pool');
    const db = pool(schema.url, { statementTimeoutMs: 200 });
    await expect(pgQuery(db, { text: 'SELECT pg_sleep(5)' })).rejects.toMatchObject({ code: 'deadline_exceeded' });
    // The connection is still usable afterwards.
    expect((await pgQuery(db, { text: 'SELECT 1 AS one' })).rows).toEqual([{ one: 1 }]);
  });

  it('reports an unreachable server as unavailable', async () => {
    const db = pool('postgres://postgres@127.0.0.1:1/nowhere', { connectTimeoutMs: 1_000 });
    await expect(pgQuery(db, { text: 'SELECT 1' })).rejects.toMatchObject({ code: 'unavailable' });
  });
});

describe('DATABASE_URL', () => {
  it('accepts postgres:// and postgresql:// URLs and rejects anything else', () => {
    expect(loadEnv({ DATABASE_URL: 'postgres://u@h/db' }).DATABASE_URL).toBe('postgres://u@h/db');
    expect(loadEnv({ DATABASE_URL: 'postgresql://u@h/db' }).DATABASE_URL).toBe('postgresql://u@h/db');
    expect(loadEnv({ DATABASE_URL: ' ' }).DATABASE_URL).toBeUndefined();
    expect(() => loadEnv({ DATABASE_URL: 'sqlite://data/x.db' })).toThrow(/DATABASE_URL/);
  });
});
