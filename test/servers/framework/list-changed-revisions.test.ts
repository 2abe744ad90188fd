import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { describe, expect, it } from 'vitest';
import {
  createToolServer,
  type DynamicToolSource,
  defineTool,
  type ToolSpec,
} from '../../../src/servers/framework/index.js';

const tool = (name: string): ToolSpec =>
  defineTool({ name, access: 'public', description: `Tool ${name}.`, input: {}, handler: async () => ({ name }) });

/** A dynamic set of tools a test changes by hand (as the Go catalog does for the proxied servers). */
function changingSource(): DynamicToolSource & { set(names: string[]): void } {
  let tools: ToolSpec[] = [];
  const listeners = new Set<() => void>();
  return {
    current: () => tools,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(names) {
      tools = names.map(tool);
      for (const listener of listeners) listener();
    },
  };
}

/*
 * A tool server's changing tool list, announced on both revisions through the stdio entry the CLI uses
 * (`serveStdio`, here over an in-memory pipe): unasked `notifications/tools/list_changed` on 2025-11-25,
 * on the client's `subscriptions/listen` stream on 2026-07-28.
 */
describe('a tool server announces tool list changes on both revisions', () => {
  for (const revision of ['2025-11-25', '2026-07-28'] as const) {
    it(revision, async () => {
      const source = changingSource();
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      const stdio = serveStdio(
        () =>
          createToolServer({
            name: 'changing',
            tools: [tool('fixed')],
            dynamicTools: source,
            defaults: { tenantId: 't' },
          }),
        { transport: serverSide },
      );
      const client = new Client(
        { name: `client-${revision}`, version: '1.0.0' },
        revision === '2026-07-28' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
      );
      let changed!: () => void;
      const announced = new Promise<void>((resolve) => {
        changed = resolve;
      });
      client.setNotificationHandler('notifications/tools/list_changed', () => changed());
      await client.connect(clientSide);
      try {
        expect(client.getNegotiatedProtocolVersion()).toBe(revision);
        if (revision === '2026-07-28') {
          const subscription = await client.listen({ toolsListChanged: true });
          expect(subscription.honoredFilter).toEqual({ toolsListChanged: true });
        }
        source.set(['go_tool']);
        await announced;
        const { tools } = await client.listTools();
        expect(tools.map((t) => t.name).sort()).toEqual(['fixed', 'go_tool']);
      } finally {
        await client.close();
        await stdio.close();
      }
    });
  }
});
