import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ContactLookup, contactLookupOf } from '../../src/servers/contact-directory.js';
import type { ServerDeps } from '../../src/servers/registry.js';
import { type CrmStore, openCrmStore } from '../../src/servers/store/crm-store.js';

let dir: string;
let store: CrmStore;
let lookup: ContactLookup;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-contact-directory-'));
  store = await openCrmStore({ path: join(dir, 'crm.db'), reindexOnOpen: false });
  for (const tenant of ['t1', 't2']) store.tenants.upsert(tenant, { name: tenant, locale: 'pt-BR', currency: 'BRL' });
  store.contacts.upsert('t1', { id: 'c1', name: 'Ana' });
  store.contacts.upsert('t2', { id: 'c1', name: 'Bia' });
  lookup = contactLookupOf({ store, env: {} } as unknown as Pick<ServerDeps, 'store' | 'memoryBackend' | 'env'>);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the local contact lookup (kept summaries)', () => {
  it('answers each tenant its own contact, and the same again', async () => {
    expect(await lookup.find('t1', 'c1')).toEqual({ id: 'c1', name: 'Ana' });
    expect(await lookup.find('t2', 'c1')).toEqual({ id: 'c1', name: 'Bia' });
    expect(await lookup.find('t1', 'c1')).toEqual({ id: 'c1', name: 'Ana' });
    expect(await lookup.find('t1', 'c2')).toBeUndefined();
  });

  it('sees a rename by raw SQL, an upsert and a created contact after they were looked up', async () => {
    expect(await lookup.find('t1', 'c1')).toEqual({ id: 'c1', name: 'Ana' });
    store.db.prepare("UPDATE contacts SET name = 'Ana Maria' WHERE tenant_id = 't1' AND id = 'c1'").run();
    expect(await lookup.find('t1', 'c1')).toEqual({ id: 'c1', name: 'Ana Maria' });
    expect(await lookup.find('t2', 'c1')).toEqual({ id: 'c1', name: 'Bia' });
    store.contacts.upsert('t2', { id: 'c1', name: 'Beatriz' });
    expect(await lookup.find('t2', 'c1')).toEqual({ id: 'c1', name: 'Beatriz' });
    expect(await lookup.find('t1', 'new')).toBeUndefined();
    await lookup.create?.('t1', { id: 'new' });
    expect(await lookup.find('t1', 'new')).toEqual({ id: 'new', name: '' });
    store.db.prepare("DELETE FROM contacts WHERE tenant_id = 't1' AND id = 'new'").run();
    expect(await lookup.find('t1', 'new')).toBeUndefined();
  });

  it('hands out a copy the caller may change', async () => {
    const first = await lookup.find('t1', 'c1');
    if (!first) throw new Error('c1 should exist');
    first.name = 'changed';
    expect(await lookup.find('t1', 'c1')).toEqual({ id: 'c1', name: 'Ana' });
  });
});
