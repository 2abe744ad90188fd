import { z } from 'zod';
import type { SessionKey } from './session.js';
import type { SessionActivity } from './session-store.js';

// The columns both SQL stores select for a session's key, and with its last update, in snake case.
const KeyRowSchema = z.object({ tenant_id: z.string(), contact_id: z.string(), session_id: z.string() });
const ActivityRowSchema = KeyRowSchema.extend({ updated_at: z.number() });

/** A selected `tenant_id, contact_id, session_id` row as a SessionKey (checked: rows are input too). */
export function sessionKeyOf(raw: unknown): SessionKey {
  const row = KeyRowSchema.parse(raw);
  return { tenantId: row.tenant_id, contactId: row.contact_id, sessionId: row.session_id };
}

/** The same with `updated_at` (epoch ms) as a SessionActivity. */
export function sessionActivityOf(raw: unknown): SessionActivity {
  const row = ActivityRowSchema.parse(raw);
  return { tenantId: row.tenant_id, contactId: row.contact_id, sessionId: row.session_id, updatedAt: row.updated_at };
}
