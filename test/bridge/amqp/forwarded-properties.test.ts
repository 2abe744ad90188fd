import type { MessageProperties } from 'amqplib';
import { describe, expect, it } from 'vitest';
import { forwardedProperties } from '../../../src/bridge/amqp/partition-claims.js';

describe('forwardedProperties', () => {
  /** What the forwarder copied before (rest spreads and entries/filter/fromEntries). */
  function reference(properties: MessageProperties): Record<string, unknown> {
    const { headers, userId: _user, clusterId: _cluster, ...rest } = properties;
    const { 'x-delivery-count': _count, ...kept } = (headers ?? {}) as Record<string, unknown>;
    const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
    return { ...set, headers: kept, persistent: true };
  }

  it('copies the set properties and the headers but x-delivery-count, as before, in the same order', () => {
    const base: MessageProperties = {
      contentType: 'application/json',
      contentEncoding: undefined,
      headers: { traceparent: '00-abc-def-01', 'x-delivery-count': 2, other: null },
      deliveryMode: 2,
      priority: undefined,
      correlationId: null,
      replyTo: undefined,
      expiration: undefined,
      messageId: 'm-1',
      timestamp: 1_700_000_000,
      type: 'message.received',
      userId: 'guest',
      appId: 'crm',
      clusterId: 'c',
    };
    for (const properties of [base, { ...base, headers: undefined }, { ...base, headers: {} }]) {
      const got = forwardedProperties(properties);
      expect(got).toEqual(reference(properties));
      expect(Object.keys(got)).toEqual(Object.keys(reference(properties)));
    }
  });
});
