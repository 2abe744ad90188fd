import { describe, expect, it } from 'vitest';
import { toHostResult } from '../../../src/host/connection/call-result.js';
import { sanitizeArguments } from '../../../src/host/connection/call-tool.js';
import { resourceOwner } from '../../../src/host/resource-templates.js';
import { successResult } from '../../../src/servers/framework/tool-result.js';

describe('sanitizeArguments', () => {
  it('hands back the same object when the model set nothing it may not set', () => {
    const args = { text: 'hi', nested: { tenant_id: 'stays: only top-level keys are trusted-context keys' } };
    expect(sanitizeArguments(args)).toBe(args);
  });

  it('strips _meta, tenant_id and tenantId into a copy, leaving the caller’s object alone', () => {
    const args = { text: 'hi', tenant_id: 'evil', tenantId: 'evil', _meta: { 'io.ventros/tenant_id': 'evil' } };
    expect(sanitizeArguments(args)).toEqual({ text: 'hi' });
    expect(Object.keys(args)).toHaveLength(4);
  });
});

describe('toHostResult', () => {
  it('uses a single text block as is, and joins several blocks with newlines', () => {
    expect(toHostResult({ content: [{ type: 'text', text: 'one' }] })).toEqual({ content: 'one' });
    expect(
      toHostResult({
        content: [
          { type: 'text', text: 'one' },
          { type: 'image', mimeType: 'image/png', data: 'AAAA' },
        ],
        isError: true,
      }),
    ).toEqual({ content: 'one\n[image: image/png, 3 bytes]', isError: true });
  });

  it('falls back to the JSON of structuredContent when there is no content', () => {
    expect(toHostResult({ content: [], structuredContent: { a: 1 } })).toEqual({
      content: '{"a":1}',
      structured: { a: 1 },
    });
  });
});

describe('a builtin success result for a caller that reads only structured', () => {
  it('carries no JSON text, and toHostResult leaves content empty instead of building it', () => {
    const value = { a: 1, b: ['x', { c: null }] };
    expect(successResult(value)).toEqual({
      content: [{ type: 'text', text: JSON.stringify(value) }],
      structuredContent: value,
    });
    const bare = successResult(value, undefined, true);
    expect(bare).toEqual({ content: [], structuredContent: value });
    expect(toHostResult(bare, true)).toEqual({ content: '', structured: value });
    // Any other caller still gets the JSON of the structured result.
    expect(toHostResult(bare)).toEqual({ content: JSON.stringify(value), structured: value });
  });

  it('keeps an error result its text either way', () => {
    const error = { content: [], structuredContent: { a: 1 }, isError: true };
    expect(toHostResult(error, true)).toEqual({ content: '{"a":1}', isError: true, structured: { a: 1 } });
  });
});

describe('resourceOwner', () => {
  const servers = [
    { name: 'memory', resources: [], resourceTemplates: [{ name: 'contact', uriTemplate: 'crm://contacts/{id}' }] },
    { name: 'docs', resources: [{ name: 'readme', uri: 'docs://readme' }], resourceTemplates: [] },
  ];

  it('places a listed URI with its lister and a templated one with the server whose template matches', () => {
    expect(resourceOwner(servers, 'docs://readme')).toBe('docs');
    expect(resourceOwner(servers, 'crm://contacts/c-9')).toBe('memory');
  });

  it('throws a typed error naming the URI when nothing places it', () => {
    expect(() => resourceOwner(servers, 'crm://deals/1')).toThrow(/crm:\/\/deals\/1/);
  });
});
