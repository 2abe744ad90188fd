/** What the application needs to know about a contact before a run. */
export interface ContactSummary {
  id: string;
  /** The contact's name; '' when the CRM knows none (a sender it had never heard from). */
  name: string;
}

/** A minimal record for a sender the CRM has never heard from. */
export interface NewContact {
  id: string;
  /** The channel the message came in on (`whatsapp`, ...), when the bridge knows it. */
  channelId?: string;
  /** The sender's phone, when the channel gives one. */
  phone?: string;
}

/**
 * The port through which the application looks contacts up, served by whichever backend the tools use
 * (the local CRM store, or the Go memory service over gRPC), so the run sees the same contact the tools do.
 */
export interface ContactDirectory {
  /** The contact, or undefined when the tenant has none with this id. Never throws for a missing one. */
  find(tenantId: string, contactId: string, signal?: AbortSignal): Promise<ContactSummary | undefined>;
  /**
   * Creates a minimal contact for an unknown sender, so the tools know who they are serving; undefined
   * when the backend cannot create contacts (then the run goes on anonymously). Absent: never creates.
   */
  create?(tenantId: string, contact: NewContact, signal?: AbortSignal): Promise<ContactSummary | undefined>;
}

/** A directory that knows nobody (tests, and hosts with no CRM behind them). */
export const NO_CONTACTS: ContactDirectory = { find: async () => undefined };
