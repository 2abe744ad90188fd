import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type McpHost, parseHostConfig } from '../../src/host/index.js';
import { uriMatchesTemplate } from '../../src/host/resource-templates.js';
import { createServerByName, openServerDeps } from '../../src/servers/registry.js';
import { seedDemoData } from '../../src/servers/seed/index.js';
import { loadEnv } from '../../src/shared/index.js';
import { createFixtureServer } from '../support/fixture-mcp-server.js';
import { eventually, fixtureStdioEntry, hostErrorOf } from './helpers.js';

/** The text of a read's first content block. */
function textOf(read: { contents: Array<{ uri: string } & Record<string, unknown>> }): string {
  const first = read.contents[0];
  return typeof first?.text === 'string' ? first.text : '';
}

describe('resource templates across servers: our memory server (builtin), the fixture in process and on stdio', () => {
  let host: McpHost;
  let dataDir: string;
  let closeDeps: (() => PromiseLike<void>) | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ventros-host-templates-'));
    const deps = await openServerDeps(loadEnv({ VENTROS_DATA_DIR: dataDir }));
    closeDeps = () => deps[Symbol.asyncDispose]();
    await seedDemoData(deps.store, { tenants: ['tenant-demo', 'tenant-isolation'] });
    host = await createHost({
      config: parseHostConfig(
        {
          mcpServers: {
            memory: { builtin: 'memory' },
            fx: { builtin: 'fixture' },
            child: fixtureStdioEntry('child', { connect_timeout_ms: 20_000 }),
          },
        },
        'test',
      ),
      builtins: { memory: () => createServerByName('memory', deps), fixture: () => createFixtureServer('fx') },
      mode: 'strict',
    });
  });
  afterAll(async () => {
    await host?.close();
    await closeDeps?.();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists every server’s templates with the server that offers them', () => {
    const listed = host.listResourceTemplates().map((t) => [t.server, t.uriTemplate]);
    expect(listed).toEqual(
      expect.arrayContaining([
        ['memory', 'crm://contacts/{id}'],
        ['memory', 'crm://contacts/{id}/memories'],
        ['fx', 'fixture://items/{id}'],
        ['child', 'fixture://items/{id}'],
      ]),
    );
    expect(host.listResourceTemplates().find((t) => t.uriTemplate === 'crm://contacts/{id}')).toMatchObject({
      name: 'contact',
      mimeType: 'application/json',
    });
  });

  it('reads a contact through the memory server’s template, for the tenant given in the trusted context', async () => {
    const demo = JSON.parse(
      textOf(await host.readResource('crm://contacts/contact-carlos', { tenantId: 'tenant-demo' })),
    );
    expect(demo.profile.name).toBe('Carlos Mendes');
    const isolated = JSON.parse(
      textOf(await host.readResource('crm://contacts/contact-carlos', { tenantId: 'tenant-isolation' })),
    );
    expect(isolated.profile.name).toBe('Carlos Isolado');
    const memories = JSON.parse(
      textOf(await host.readResource('crm://contacts/contact-carlos/memories', { tenantId: 'tenant-demo' })),
    );
    expect(memories).toMatchObject({ contact_id: 'contact-carlos' });
    expect(memories.memories.length).toBeGreaterThan(0);
  });

  it('refuses to guess when two servers’ templates match, and reads from the one named', async () => {
    const error = await hostErrorOf(host.readResource('fixture://items/7'));
    expect(error.code).toBe('ambiguous_tool');
    expect(error.message).toContain('fx, child');
    expect(textOf(await host.readResource('fixture://items/7', { server: 'child' }))).toBe('item 7 from child');
    expect(textOf(await host.readResource('fixture://items/7', { server: 'fx' }))).toBe('item 7 from fx');
  });

  it('reads a URI a server lists from that server, before looking at templates', async () => {
    // Both fixtures list fixture://greeting; an exact listing is taken in config order.
    expect(textOf(await host.readResource('fixture://greeting'))).toBe('hello from fx');
  });

  it('says which resource it cannot place when no server lists or matches the URI', async () => {
    const error = await hostErrorOf(host.readResource('nowhere://thing/1'));
    expect(error.code).toBe('protocol_error');
    expect(error.message).toContain('nowhere://thing/1');
  });

  it('picks up a template added at run time after resources/list_changed, and routes reads to it', async () => {
    await host.callTool('child__add_template', {});
    expect(
      await eventually(() => host.listResourceTemplates().some((t) => t.uriTemplate === 'fixture://extra_1/{key}')),
    ).toBe(true);
    expect(host.listResourceTemplates().find((t) => t.uriTemplate === 'fixture://extra_1/{key}')?.server).toBe('child');
    expect(textOf(await host.readResource('fixture://extra_1/abc'))).toBe('extra_1 abc');
  });
});

describe('uriMatchesTemplate', () => {
  it('matches expansions of simple templates and nothing past a path segment', () => {
    expect(uriMatchesTemplate('crm://contacts/c-1', 'crm://contacts/{id}')).toBe(true);
    expect(uriMatchesTemplate('crm://contacts/c-1/memories', 'crm://contacts/{id}')).toBe(false);
    expect(uriMatchesTemplate('crm://contacts/c-1/memories', 'crm://contacts/{id}/memories')).toBe(true);
    expect(uriMatchesTemplate('crm://deals/1', 'crm://contacts/{id}')).toBe(false);
  });

  it('matches nothing for a template the SDK cannot parse or a URI it will not match', () => {
    expect(uriMatchesTemplate('x://a', 'x://{unclosed')).toBe(false);
    expect(uriMatchesTemplate(`x://${'a'.repeat(2_000_000)}`, 'x://{id}')).toBe(false);
  });
});
