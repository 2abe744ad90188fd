import type { CreateMessageRequest } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type McpHost, parseHostConfig } from '../../src/host/index.js';
import { META_CONTACT_ID, META_TENANT_ID } from '../../src/shared/trusted-meta.js';
import { eventually, fixtureStdioEntry, hostErrorOf } from './helpers.js';

describe('host over stdio (fixture server as a child process)', () => {
  let host: McpHost;
  const samplingRequests: Array<CreateMessageRequest['params']> = [];

  beforeAll(async () => {
    host = await createHost({
      config: parseHostConfig({ mcpServers: { fx: fixtureStdioEntry('one', { timeout_ms: 2000 }) } }, 'test', {
        baseDir: '/srv/ventros',
      }),
      mode: 'strict',
      sampling: async (params) => {
        samplingRequests.push(params);
        return { role: 'assistant', model: 'scripted-1', content: { type: 'text', text: 'Olá!' } };
      },
    });
  });
  afterAll(async () => {
    await host?.close();
  });

  it('lists the server tools under namespaced names with their schemas', () => {
    const names = host.toolInfo().map((t) => t.name);
    expect(names).toContain('fx__echo');
    expect(names).toContain('fx__slow');
    const [echo] = host.tools(['fx__echo']);
    expect(echo).toMatchObject({ name: 'fx__echo', description: 'Echoes text back.', timeoutMs: 2000 });
    expect(echo?.inputSchema).toMatchObject({ type: 'object', properties: { text: { type: 'string' } } });
    expect(host.status()[0]).toMatchObject({ name: 'fx', state: 'ready', transport: 'stdio' });
  });

  it('sends the trusted context in _meta and never a tenant the model wrote into the arguments', async () => {
    const [whoami] = host.tools(['whoami']);
    const result = await whoami!.execute(
      { note: 'hi', tenant_id: 'tenant-evil', _meta: { [META_TENANT_ID]: 'tenant-evil' } },
      { tenantId: 'tenant-a', contactId: 'contact-1', sessionId: 'session-9' },
    );
    expect(result.isError).toBeUndefined();
    expect(result.structured).toEqual({
      label: 'one',
      meta: { tenantId: 'tenant-a', contactId: 'contact-1', sessionId: 'session-9' },
      args: { note: 'hi' },
    });
    expect(JSON.parse(result.content)).toEqual(result.structured);
    expect(META_CONTACT_ID).toBe('io.ventros/contact_id');
  });

  it('passes progress notifications to onProgress', async () => {
    const seen: Array<{ progress: number; total?: number; message?: string }> = [];
    const result = await host.callTool('progress', { steps: 3 }, { onProgress: (p) => seen.push(p) });
    expect(result.content).toBe('done in 3 steps');
    expect(seen).toEqual([
      { progress: 1, total: 3, message: 'step 1' },
      { progress: 2, total: 3, message: 'step 2' },
      { progress: 3, total: 3, message: 'step 3' },
    ]);
  });

  it('returns tool failures as results, not exceptions', async () => {
    const result = await host.callTool('fx__fail', {});
    expect(result).toMatchObject({ isError: true });
    expect(result.content).toContain('this tool always fails');
  });

  it('throws tool_not_found for a name no server offers', async () => {
    const error = await hostErrorOf(host.callTool('fx__nope', {}));
    expect(error.code).toBe('tool_not_found');
    expect(() => host.tools(['nope'])).toThrow(/no tool named "nope"/);
  });

  it('fails a call past timeout_ms with deadline_exceeded and tells the server to cancel', async () => {
    const before = JSON.parse((await host.callTool('stats', {})).content).cancelled as number;
    const error = await hostErrorOf(host.callTool('slow', { ms: 20_000 }));
    expect(error).toMatchObject({ code: 'deadline_exceeded', server: 'fx', tool: 'slow' });
    expect(error.message).toBe('tool "slow" on MCP server "fx" did not answer tools/call within 2000 ms');
    const cancelled = await eventually(
      async () => JSON.parse((await host.callTool('stats', {})).content).cancelled > before,
    );
    expect(cancelled).toBe(true);
  });

  it('cancels a call when the caller aborts, and the server hears notifications/cancelled', async () => {
    const before = JSON.parse((await host.callTool('stats', {})).content).cancelled as number;
    const controller = new AbortController();
    const call = host.callTool('slow', { ms: 20_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await hostErrorOf(call);
    expect(error).toMatchObject({ code: 'cancelled', server: 'fx', tool: 'slow' });
    expect(
      await eventually(async () => JSON.parse((await host.callTool('stats', {})).content).cancelled > before),
    ).toBe(true);
  });

  it('refreshes the cached tool list on notifications/tools/list_changed', async () => {
    let changed = 0;
    const unsubscribe = host.onToolsChanged(() => changed++);
    expect(host.resolveTools(['dynamic_1']).missing).toEqual(['dynamic_1']);
    await host.callTool('add_tool', {});
    expect(await eventually(() => changed > 0)).toBe(true);
    unsubscribe();
    const [dynamic] = host.tools(['dynamic_1']);
    expect(dynamic?.name).toBe('fx__dynamic_1');
    expect((await dynamic!.execute({}, {})).content).toBe('dynamic_1');
  });

  it("answers the server's sampling request with the injected function", async () => {
    const result = await host.callTool('ask_model', { prompt: 'Diga olá' });
    expect(result.content).toBe('model scripted-1 said: Olá!');
    expect(samplingRequests.at(-1)).toMatchObject({
      maxTokens: 64,
      messages: [{ role: 'user', content: { type: 'text', text: 'Diga olá' } }],
    });
  });

  it('does not advertise elicitation when nobody can answer it (no callback)', async () => {
    const result = await host.callTool('ask_user', {});
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/does not support form elicitation/);
  });

  it("offers the config's folder as a file:// root", async () => {
    const result = await host.callTool('list_roots', {});
    expect(JSON.parse(result.content)).toEqual([{ uri: 'file:///srv/ventros', name: '/srv/ventros' }]);
  });

  it('lists and reads resources and prompts', async () => {
    expect(host.listResources()).toEqual([
      expect.objectContaining({ uri: 'fixture://greeting', name: 'greeting', server: 'fx' }),
    ]);
    const read = await host.readResource('fixture://greeting');
    expect(read.contents[0]).toMatchObject({ uri: 'fixture://greeting', text: 'hello from one' });
    expect(host.listPrompts().map((p) => `${p.server}/${p.name}`)).toEqual(['fx/greet']);
    const prompt = await host.getPrompt('greet', { who: 'Ana' });
    expect(prompt.messages[0]?.content).toEqual({ type: 'text', text: 'Say hello to Ana' });
    expect((await host.getPrompt('fx__greet', { who: 'Bia' })).messages[0]?.content).toMatchObject({
      text: 'Say hello to Bia',
    });
  });
});
