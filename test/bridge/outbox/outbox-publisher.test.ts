import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxPublisher, SqliteOutboxStore } from '../../../src/bridge/outbox/index.js';

const row = (n: number) => ({
  id: `o-${n}`,
  tenantId: 't',
  eventType: 'message.outbound',
  exchange: 'x',
  routingKey: 'k',
  body: '{}',
});

describe('OutboxPublisher', () => {
  it('publishes a row written while a pass waited for its confirms at once, not a poll interval later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ventros-outbox-publisher-'));
    const store = new SqliteOutboxStore({ path: join(dir, 'outbox.db') });
    const published: string[] = [];
    let confirmFirst: () => void = () => {};
    const firstConfirmed = new Promise<void>((resolve) => {
      confirmFirst = resolve;
    });
    let firstPublishing: () => void = () => {};
    const firstStarted = new Promise<void>((resolve) => {
      firstPublishing = resolve;
    });
    const publisher = new OutboxPublisher({
      store,
      // A wake-up lost during the pass would leave the second row for an hour.
      pollIntervalMs: 3_600_000,
      publish: async (message) => {
        if (message.id === 'o-1') {
          firstPublishing();
          await firstConfirmed;
        }
        published.push(message.id);
      },
    });
    try {
      publisher.start();
      await store.commitHandled({ eventId: 'e-1', tenantId: 't', messageId: 'm-1' }, row(1));
      publisher.notify();
      await firstStarted;
      // The pass claimed row 1 and waits for its confirm; row 2 arrives now.
      await store.commitHandled({ eventId: 'e-2', tenantId: 't', messageId: 'm-2' }, row(2));
      publisher.notify();
      confirmFirst();
      for (let i = 0; i < 500 && published.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      expect(published).toEqual(['o-1', 'o-2']);
    } finally {
      await publisher.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
