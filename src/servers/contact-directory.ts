import { errorMessage, logger, NotFoundError } from '../shared/index.js';
import type { ServerDeps } from './registry.js';

/** A contact as the agents' application looks it up before a run. */
export interface ContactSummary {
  id: string;
  name: string;
}

/** A minimal record for a sender the CRM has never heard from. */
export interface NewContact {
  id: string;
  channelId?: string;
  phone?: string;
}

/** The application's contact lookup, served by the backend the tools use (structurally its port). */
export interface ContactLookup {
  find(tenantId: string, contactId: string, signal?: AbortSignal): Promise<ContactSummary | undefined>;
  /** Creates a minimal contact for an unknown sender (local store only; the Go CRM owns its contacts). */
  create?(tenantId: string, contact: NewContact, signal?: AbortSignal): Promise<ContactSummary | undefined>;
}

/** How long a contact fetched from the Go memory service is reused (names rarely change mid-chat). */
const REMOTE_TTL_MS = 60_000;
const REMOTE_CACHE_MAX = 10_000;
/** Contacts whose local summary is kept at once (the oldest goes first). */
const LOCAL_CACHE_MAX = 4096;

/**
 * The contact lookup of whichever backend serves the tools: the local CRM store (which also creates a
 * minimal contact for an unknown sender), or — when the memory tools proxy to the Go memory service —
 * its `GetContactContext`, cached briefly (the Go CRM creates its own contacts). A lookup that fails
 * remotely logs and answers "unknown": a run must not fail because a greeting lacks the name.
 */
export function contactLookupOf(deps: Pick<ServerDeps, 'store' | 'memoryBackend' | 'env'>): ContactLookup {
  if (!deps.env.MEMORY_SERVICE_GRPC_HOST) {
    // Every run looks its contact up: kept until the contacts table is written (by any statement or
    // connection, see TableCache), so a steady conversation reads no row for it.
    const summaries = deps.store.tableCache<ContactSummary | null>(['contacts'], LOCAL_CACHE_MAX);
    return {
      find: async (tenantId, contactId) => {
        const kept = summaries.read(JSON.stringify([tenantId, contactId]), () => {
          const row = deps.store.contacts.get(tenantId, contactId);
          return row ? { id: row.id, name: row.name } : null;
        });
        // A copy: the kept summary is frozen and shared.
        return kept ? { id: kept.id, name: kept.name } : undefined;
      },
      // A lead with no name yet (the customer has not said it), tagged so people know where it came from.
      create: async (tenantId, contact) => {
        const existing = deps.store.contacts.get(tenantId, contact.id);
        if (existing) return { id: existing.id, name: existing.name };
        deps.store.contacts.upsert(tenantId, {
          id: contact.id,
          name: '',
          status: 'lead',
          ...(contact.phone ? { phone: contact.phone } : {}),
          tags: ['auto_created', ...(contact.channelId ? [`channel:${contact.channelId}`] : [])],
        });
        return { id: contact.id, name: '' };
      },
    };
  }
  const cache = new Map<string, { value: ContactSummary | undefined; until: number }>();
  return {
    async find(tenantId, contactId, signal) {
      const key = `${tenantId}\u0000${contactId}`;
      const hit = cache.get(key);
      if (hit && hit.until > Date.now()) return hit.value;
      let value: ContactSummary | undefined;
      try {
        const context = await deps.memoryBackend.getContactContext(
          tenantId,
          { contact_id: contactId, include_graph: false, history_limit: 1 },
          signal,
        );
        value = { id: context.profile.contact_id, name: context.profile.name };
      } catch (error) {
        if (!(error instanceof NotFoundError)) {
          logger.warn({ tenantId, contactId, err: errorMessage(error) }, 'contact lookup failed; running without it');
          return undefined;
        }
      }
      if (cache.size >= REMOTE_CACHE_MAX) cache.clear();
      cache.set(key, { value, until: Date.now() + REMOTE_TTL_MS });
      return value;
    },
  };
}
