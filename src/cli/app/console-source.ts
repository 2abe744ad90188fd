import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Session } from '../../agents/sessions/index.js';
import type { ConsoleContact, ConsoleSession, ConsoleSource } from '../../bridge/index.js';
import type { App } from '../create-app.js';

/** Contacts scanned per search: the playground's picker, not a CRM search engine. */
const MAX_SCANNED_CONTACTS = 5_000;

/** Lower case without accents, so "joao" finds "João". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A session for the playground: snake_case parts, provider metadata (signatures) left out. */
export function consoleSession(session: Session): ConsoleSession {
  return {
    session_id: session.sessionId,
    contact_id: session.contactId,
    state: session.state,
    created_at: new Date(session.createdAt).toISOString(),
    updated_at: new Date(session.updatedAt).toISOString(),
    history: session.history.map((message) => ({
      role: message.role,
      content: message.content.map((part) => {
        if (part.type === 'text') return { type: 'text', text: part.text };
        if (part.type === 'tool_use') return { type: 'tool_use', id: part.id, name: part.name, input: part.input };
        return {
          type: 'tool_result',
          tool_use_id: part.toolUseId,
          name: part.toolName,
          content: part.content,
          is_error: part.isError === true,
        };
      }),
    })),
  };
}

/**
 * The playground's tenants, contacts and sessions, read from the app's CRM store and session store.
 * With the Go CRM behind the tools (`MCP_SERVER_HOST`) the local store may be empty; the pickers are
 * then empty too and the page still chats.
 */
export function consoleSource(app: Pick<App, 'deps' | 'sessions'>): ConsoleSource {
  const store = app.deps.store;
  return {
    tenants: () => store.tenants.list().map((t) => ({ id: t.id, name: t.name })),
    contacts(tenantId, query, limit) {
      const needle = query ? fold(query) : undefined;
      const found: ConsoleContact[] = [];
      for (const c of store.contacts.list(tenantId, MAX_SCANNED_CONTACTS)) {
        if (found.length >= limit) break;
        const haystack = fold([c.id, c.name, c.phone ?? '', c.email ?? '', c.company ?? ''].join(' '));
        if (needle && !haystack.includes(needle)) continue;
        found.push({
          id: c.id,
          name: c.name,
          ...(c.phone ? { phone: c.phone } : {}),
          ...(c.email ? { email: c.email } : {}),
          segment: `${c.status} · ${c.tier}`,
        });
      }
      return found;
    },
    async session(tenantId, sessionId) {
      const session = await app.sessions.load({ tenantId, contactId: '', sessionId });
      return session ? consoleSession(session) : undefined;
    },
    async latestEval() {
      try {
        return JSON.parse(await readFile(join(app.deps.env.VENTROS_DATA_DIR, 'evals', 'latest.json'), 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
