import { describe, expect, it } from 'vitest';
import type { Tool, ToolContext, ToolResult } from '../../src/agents/tool.js';
import { createHost, parseHostConfig } from '../../src/host/index.js';
import { createFixtureServer } from '../support/fixture-mcp-server.js';

describe('host tools as the agent runtime sees them', () => {
  it("are assignable to the runtime's Tool and run with its ToolContext", async () => {
    const host = await createHost({
      config: parseHostConfig({ mcpServers: { fx: { builtin: 'fixture', timeout_ms: 1234 } } }, 'test'),
      builtins: { fixture: () => createFixtureServer('shape') },
      mode: 'strict',
    });
    try {
      // Compile-time check: no cast needed between the host's shape and the runtime's.
      const tools: Tool[] = host.tools(['fx__whoami', 'fx__progress']);
      const context: ToolContext = {
        tenantId: 'tenant-shape',
        contactId: 'contact-shape',
        signal: new AbortController().signal,
        agentName: 'support',
        state: {},
        onProgress: () => {},
      };
      const result: ToolResult = await tools[0]!.execute({}, context);
      expect(tools.map((t) => [t.name, t.timeoutMs])).toEqual([
        ['fx__progress', 1234],
        ['fx__whoami', 1234],
      ]);
      expect(result.structured).toBeUndefined();
      const whoami = await tools[1]!.execute({}, context);
      expect(whoami.structured).toMatchObject({ meta: { tenantId: 'tenant-shape', contactId: 'contact-shape' } });
    } finally {
      await host.close();
    }
  });

  it('answers elicitation with the injected callback when one is given', async () => {
    const host = await createHost({
      config: parseHostConfig({ mcpServers: { fx: { builtin: 'fixture' } } }, 'test'),
      builtins: { fixture: () => createFixtureServer('elicit') },
      elicitation: async (params) => ({ action: 'accept', content: { name: `answer to: ${params.message}` } }),
    });
    try {
      const result = await host.callTool('fx__ask_user', {});
      expect(JSON.parse(result.content)).toEqual({ action: 'accept', content: { name: 'answer to: Your name?' } });
    } finally {
      await host.close();
    }
  });
});
