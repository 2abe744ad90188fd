import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { SqliteSessionStore } from '../../src/agents/sessions/index.js';

/** A fresh temp dir per test holding one `sessions.db`; every store opened on it is closed after the test. */
export interface SqliteSessionFiles {
  /** The current test's `sessions.db`. */
  path(): string;
  /** A new connection (store) to the current test's file, keeping sessions forever unless told. */
  open(options?: { retentionMs?: number }): SqliteSessionStore;
}

/** Registers the suite's beforeEach/afterEach: call it at the top level (or in a describe) of a test file. */
export function useSqliteSessionFiles(prefix: string): SqliteSessionFiles {
  let dir = '';
  const stores: SqliteSessionStore[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const path = () => join(dir, 'sessions.db');
  return {
    path,
    open(options = {}) {
      const store = new SqliteSessionStore({
        path: path(),
        retentionMs: options.retentionMs ?? Number.POSITIVE_INFINITY,
      });
      stores.push(store);
      return store;
    },
  };
}
