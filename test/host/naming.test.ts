import type { Tool as McpTool } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { HostError } from '../../src/host/errors.js';
import { matchesGlob, namespacedToolName, passesFilter } from '../../src/host/naming.js';
import { buildCatalog, findTool, resolveSelection } from '../../src/host/tool-catalog.js';

const tool = (name: string): McpTool => ({ name, description: `${name} tool`, inputSchema: { type: 'object' } });

describe('namespaced tool names', () => {
  it('joins server and tool with a double underscore', () => {
    expect(namespacedToolName('memory', 'search_memory')).toBe('memory__search_memory');
    expect(namespacedToolName('everything', 'trigger-long-running-operation')).toBe(
      'everything__trigger-long-running-operation',
    );
  });

  it('sanitizes to provider-safe characters with a stable hash, so lossy names cannot collide', () => {
    const dotted = namespacedToolName('crm.v2', 'get.contact');
    const underscored = namespacedToolName('crm_v2', 'get_contact');
    expect(dotted).toMatch(/^crm_v2__get_contact_[0-9a-f]{6}$/);
    expect(underscored).toBe('crm_v2__get_contact');
    expect(dotted).not.toBe(underscored);
    expect(namespacedToolName('crm.v2', 'get.contact')).toBe(dotted);
  });

  it('truncates to 64 characters with a stable hash suffix', () => {
    const long = 'x'.repeat(80);
    const a = namespacedToolName('server', `${long}_a`);
    const b = namespacedToolName('server', `${long}_b`);
    expect(a).toHaveLength(64);
    expect(a).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(namespacedToolName('server', `${long}_a`)).toBe(a);
  });

  it('keeps names collision-free even when server and tool names line up (a__b + c vs a + b__c)', () => {
    const catalog = buildCatalog([
      { server: 'a__b', timeoutMs: 1, tools: [tool('c')] },
      { server: 'a', timeoutMs: 1, tools: [tool('b__c')] },
    ]);
    const names = catalog.map((t) => t.name);
    expect(new Set(names).size).toBe(2);
    expect(names).toContain('a__b__c');
    expect(names.every((n) => n.length <= 64)).toBe(true);
  });
});

describe('globs and filters', () => {
  it('matches * and ? and nothing else specially', () => {
    expect(matchesGlob('memory__search_memory', 'memory__*')).toBe(true);
    expect(matchesGlob('memory__search_memory', '*search*')).toBe(true);
    expect(matchesGlob('sales__qualify_lead', 'sales__qualify_lea?')).toBe(true);
    expect(matchesGlob('salesXqualify', 'sales.qualify')).toBe(false);
    expect(matchesGlob('a+b', 'a+b')).toBe(true);
  });

  it('lets deny win over allow', () => {
    const filter = { allow: ['get_*', 'search_memory'], deny: ['get_secret*'] };
    expect(passesFilter('get_contact', filter)).toBe(true);
    expect(passesFilter('search_memory', filter)).toBe(true);
    expect(passesFilter('get_secret_key', filter)).toBe(false);
    expect(passesFilter('delete_contact', filter)).toBe(false);
    expect(passesFilter('anything', { deny: ['x'] })).toBe(true);
  });
});

describe('tool selection', () => {
  const catalog = buildCatalog([
    { server: 'memory', timeoutMs: 1000, tools: [tool('search_memory'), tool('store_memory')] },
    { server: 'sales', timeoutMs: 2000, tools: [tool('qualify_lead'), tool('get_contact')] },
    { server: 'support', timeoutMs: 3000, tools: [tool('get_contact'), tool('open_ticket')] },
  ]);

  it('resolves namespaced names, unique bare names and globs over both', () => {
    const { tools, missing, ambiguous } = resolveSelection(catalog, [
      'memory__*',
      'qualify_lead',
      'support__get_contact',
      '*_ticket',
    ]);
    expect(tools.map((t) => t.name)).toEqual([
      'memory__search_memory',
      'memory__store_memory',
      'sales__qualify_lead',
      'support__get_contact',
      'support__open_ticket',
    ]);
    expect(missing).toEqual([]);
    expect(ambiguous).toEqual([]);
  });

  it('reports a bare name two servers share as ambiguous, with the candidates', () => {
    const { ambiguous, tools } = resolveSelection(catalog, ['get_contact']);
    expect(tools).toEqual([]);
    expect(ambiguous).toEqual([{ name: 'get_contact', candidates: ['sales__get_contact', 'support__get_contact'] }]);
    expect(() => findTool(catalog, 'get_contact')).toThrow(
      /ambiguous: offered by sales__get_contact, support__get_contact/,
    );
  });

  it('reports exact names that match nothing; a glob that matches nothing is not an error', () => {
    const { missing, tools } = resolveSelection(catalog, ['nope', 'bi__*']);
    expect(missing).toEqual(['nope']);
    expect(tools).toEqual([]);
    try {
      findTool(catalog, 'nope');
      expect.unreachable();
    } catch (error) {
      expect(HostError.isInstance(error) && error.code).toBe('tool_not_found');
    }
  });

  it("carries each server's timeout and original name", () => {
    const info = findTool(catalog, 'open_ticket');
    expect(info).toMatchObject({
      name: 'support__open_ticket',
      server: 'support',
      toolName: 'open_ticket',
      timeoutMs: 3000,
    });
  });
});
