/**
 * The outbox order key of a contact's messages (`NewOutboxMessage.orderKey`): answers, workflow messages
 * and resumed answers to one contact are published one at a time, in the order they were written.
 */
export function contactOrderKey(tenantId: string, contactId: string): string {
  return `${tenantId}/${contactId}`;
}
