/** What the application needs to know about a contact before a run. */
export interface ContactSummary {
  id: string;
  name: string;
}

/**
 * The port through which the application looks contacts up, served by whichever backend the tools use
 * (the local CRM store, or the Go CRM over gRPC), so the run sees the same contact the tools do.
 */
export interface ContactDirectory {
  /** The contact, or undefined when the tenant has none with this id. Never throws for a missing one. */
  find(tenantId: string, contactId: string, signal?: AbortSignal): Promise<ContactSummary | undefined>;
}

/** A directory that knows nobody (tests, and hosts with no CRM behind them). */
export const NO_CONTACTS: ContactDirectory = { find: async () => undefined };
