import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CrmStore, openCrmStore } from '../../../src/servers/store/crm-store.js';

// LeadRepository.update writes only the columns it changes (and updated_at): what it returns and what
// a later read finds must be the whole row as the changes left it.

const T = 't1';
let dir: string;
let store: CrmStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ventros-lead-update-'));
  store = await openCrmStore({ path: join(dir, 'crm.db'), reindexOnOpen: false });
  store.tenants.upsert(T, { name: T, locale: 'pt-BR', currency: 'BRL' });
  store.contacts.upsert(T, { id: 'c1', name: 'Ana' });
  store.crm.leads.create(T, {
    id: 'l1',
    contact_id: 'c1',
    campaign_id: 'camp',
    source: 'website',
    score: 50,
    assigned_agent_id: 'agent-1',
    created_at: '2026-01-01T00:00:00.000Z',
  });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('LeadRepository.update', () => {
  it('returns the row with the changes applied, as a read finds it after', () => {
    const at = new Date('2026-03-01T12:00:00.000Z');
    const bant = {
      budget: { score: 7, notes: 'ok' },
      authority: { score: 5 },
      need: { score: 8 },
      timeline: { score: 3 },
    };
    const updated = store.crm.leads.update(
      T,
      'l1',
      { stage_id: 'qualified', score: null, bant, classification: 'warm', value: 120 },
      at,
    );
    expect(updated).toEqual({
      id: 'l1',
      contact_id: 'c1',
      source: 'website',
      campaign_id: 'camp',
      stage_id: 'qualified',
      status: 'open',
      score: null,
      classification: 'warm',
      bant,
      assigned_agent_id: 'agent-1',
      value: 120,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-03-01T12:00:00.000Z',
      converted_at: null,
    });
    expect(store.crm.leads.get(T, 'l1')).toEqual(updated);
  });

  it('keeps what the changes leave undefined, clears bant with null, and answers undefined for no lead', () => {
    store.crm.leads.update(T, 'l1', { bant: { budget: { score: 1 } } as never });
    const cleared = store.crm.leads.update(T, 'l1', { bant: null, status: undefined });
    expect(cleared?.bant).toBeNull();
    expect(cleared?.status).toBe('open');
    expect(store.crm.leads.get(T, 'l1')?.bant).toBeNull();
    expect(store.crm.leads.update(T, 'nope', { score: 1 })).toBeUndefined();
  });

  it('a change of the assigned agent shows in the per-agent counts (its index entry is rewritten)', () => {
    store.crm.leads.update(T, 'l1', { assigned_agent_id: 'agent-2' });
    expect(store.crm.leads.openLeadsByAgent(T)).toEqual(new Map([['agent-2', 1]]));
  });
});
