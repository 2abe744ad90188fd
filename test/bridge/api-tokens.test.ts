import { describe, expect, it } from 'vitest';
import { callerOf, parseApiTokens } from '../../src/bridge/index.js';

describe('VENTROS_API_TOKENS', () => {
  it('reads token:tenant:role, and the older token:tenant as staff', () => {
    const tokens = parseApiTokens(
      ' s3cret:tenant-acme:staff , widget:tenant-acme:customer,legacy:tenant-b,,a:b:tenant-c',
    );
    expect(Object.fromEntries(tokens)).toEqual({
      s3cret: { tenantId: 'tenant-acme', role: 'staff' },
      widget: { tenantId: 'tenant-acme', role: 'customer' },
      legacy: { tenantId: 'tenant-b', role: 'staff' },
      // A token may hold a colon in the older form.
      'a:b': { tenantId: 'tenant-c', role: 'staff' },
    });
  });

  it('refuses entries without a tenant', () => {
    expect(() => parseApiTokens('just-a-token')).toThrow(/token:tenant_id:role/);
    expect(() => parseApiTokens(':tenant:staff')).toThrow(/token:tenant_id:role/);
  });

  it("takes the caller from the token when tokens are configured, and the request's tenant otherwise", () => {
    const tokens = parseApiTokens('w:tenant-a:customer');
    expect(callerOf(tokens, 'w', 'tenant-b', 'tenant-demo')).toEqual({ tenantId: 'tenant-a', role: 'customer' });
    expect(callerOf(tokens, 'nope', 'tenant-b', 'tenant-demo')).toBeUndefined();
    expect(callerOf(tokens, undefined, 'tenant-b', 'tenant-demo')).toBeUndefined();
    expect(callerOf(new Map(), undefined, 'tenant-b', 'tenant-demo')).toEqual({ tenantId: 'tenant-b' });
    expect(callerOf(new Map(), undefined, '', 'tenant-demo')).toEqual({ tenantId: 'tenant-demo' });
  });
});
