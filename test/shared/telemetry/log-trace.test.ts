import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { logTraceFields, runWithLogTrace } from '../../../src/shared/telemetry/log-trace.js';

describe('log lines carry the trace of the call they were written in', () => {
  it('adds trace_id and span_id inside a traced call, nothing outside', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ mixin: logTraceFields }, sink);
    await runWithLogTrace('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', async () => {
      await new Promise((r) => setTimeout(r, 1));
      log.info('inside');
    });
    log.info('outside');
    runWithLogTrace('garbage', () => log.info('malformed'));
    const [inside, outside, malformed] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(inside).toMatchObject({ trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' });
    expect(outside?.trace_id).toBeUndefined();
    expect(malformed?.trace_id).toBeUndefined();
  });
});
