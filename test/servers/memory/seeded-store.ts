import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMemoryBackend } from '../../../src/servers/memory/index.js';
import { seedDemoData } from '../../../src/servers/seed/index.js';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/index.js';

/** The reference time every seeded test uses: "today" is 2026-11-21 (UTC). */
export const NOW = new Date('2026-11-21T15:00:00.000Z');

export interface SeededStore {
  dir: string;
  path: string;
  store: CrmStore;
  backend: LocalMemoryBackend;
  cleanup(): void;
}

/** A real SQLite file in a fresh temp dir, seeded with the demo data at NOW. */
export async function openSeededStore(): Promise<SeededStore> {
  const dir = mkdtempSync(join(tmpdir(), 'ventros-c1-'));
  const path = join(dir, 'crm.db');
  const store = await openCrmStore({ path });
  await seedDemoData(store, { now: NOW });
  const backend = new LocalMemoryBackend({ store, now: () => NOW });
  return {
    dir,
    path,
    store,
    backend,
    cleanup() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
