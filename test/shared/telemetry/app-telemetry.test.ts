import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededApp } from '../../support/seeded-app.js';
import { OtlpReceiver } from './otlp-receiver.js';

const receiver = new OtlpReceiver();
let endpoint: string;

beforeAll(async () => {
  endpoint = await receiver.start();
});
afterAll(async () => {
  await receiver.close();
});

describe('the application with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('exports the spans of a run and flushes them when it closes', async () => {
    const seeded = await createSeededApp({ env: { VENTROS_MODEL: 'offline', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
    try {
      await seeded.app.execute({
        agent: 'auto',
        message: 'Quero cancelar, está muito caro',
        tenantId: 'tenant-demo',
        contactId: 'contact-carlos',
      });
    } finally {
      await seeded.close();
    }
    const operations = receiver.spans.map((s) => s.attributes['gen_ai.operation.name']);
    expect(operations).toContain('invoke_agent');
    expect(operations).toContain('execute_tool');
    expect(operations).toContain('chat');
  });
});
