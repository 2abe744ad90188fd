import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A schema of its own in the run's test database, and a URL whose connections use it. */
export interface TestSchema {
  /** `TEST_DATABASE_URL` with `search_path` set to the schema: what a store under test opens. */
  url: string;
  name: string;
  /** Runs one statement on the schema (inspection, corruption, clock games). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  drop(): Promise<void>;
}

/**
 * A fresh schema in the run's PostgreSQL database (`TEST_DATABASE_URL`, created by the global setup), so
 * test files and tests running side by side never see each other's tables or rows.
 */
export async function freshSchema(prefix = 't'): Promise<TestSchema> {
  const base = process.env['TEST_DATABASE_URL'];
  if (!base) throw new Error('TEST_DATABASE_URL is not set (test/support/global-setup.ts sets it)');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${name}`);
  const admin = new pg.Pool({ connectionString: url.toString(), max: 2 });
  await admin.query(`CREATE SCHEMA ${name}`);
  return {
    url: url.toString(),
    name,
    query: (text, values) => admin.query(text, values),
    async drop() {
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
