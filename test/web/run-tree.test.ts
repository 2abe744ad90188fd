import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunEventSchema } from '../../src/web/api/schemas.js';
import { AnswerText, visibleAnswer } from '../../src/web/run/answer-text.js';
import { flatten, RunTreeBuilder } from '../../src/web/run/run-tree.js';
import { createSeededApp, type SeededApp } from '../support/seeded-app.js';

let seeded: SeededApp;
beforeAll(async () => {
  seeded = await createSeededApp();
});
afterAll(async () => {
  await seeded.close();
});

/** The run's stream as the page reads it: each item through JSON and the page's event schema. */
async function streamed(agent: string, message: string, contactId?: string) {
  const builder = new RunTreeBuilder();
  const answer = new AnswerText();
  for await (const item of seeded.app.stream({
    agent,
    message,
    tenantId: 'tenant-demo',
    ...(contactId ? { contactId } : {}),
  })) {
    const event = RunEventSchema.parse(JSON.parse(JSON.stringify(item)));
    if (event.type === 'partial') answer.add(event.agent, event.text);
    builder.add(event);
  }
  return { run: builder.snapshot(), answer: answer.current() };
}

const rows = (run: ReturnType<RunTreeBuilder['snapshot']>) =>
  flatten(run.roots).map(
    ({ node, depth }) => `${'  '.repeat(depth)}${node.kind} ${node.label}${node.via ? ` (${node.via})` : ''}`,
  );

describe('run tree', () => {
  it('nests a delegated specialist under the coordinator tool call that called it', async () => {
    const { run, answer } = await streamed('coordinator', 'Oi, quero saber sobre planos');
    expect(rows(run)).toEqual([
      'route sdr',
      'agent coordinator (entry)',
      '  model offline',
      '  tool sdr',
      '    agent sdr (delegation)',
      '      model offline',
      '      tool memory__search_memory',
      '      model offline',
      '      tool sales__calculate_lead_score',
      '      model offline',
      '  model offline',
    ]);
    expect(run).toMatchObject({ done: true, agents: 2, toolCalls: 3 });
    // Each tool row carries its call's outcome; the answer is the coordinator's text, once.
    const score = flatten(run.roots).find((r) => r.node.label === 'sales__calculate_lead_score')?.node;
    expect(score?.status).toMatch(/^(ok|error)$/);
    expect(score?.output).toBeTruthy();
    expect(answer).toBe(run.result?.response);
  });

  it('times tool calls from call to result and keeps their arguments and output', async () => {
    const { run } = await streamed('auto', 'Quero cancelar, está muito caro', 'contact-carlos');
    const offer = flatten(run.roots).find((r) => r.node.label === 'retention__create_retention_offer')?.node;
    expect(offer?.args).toMatchObject({ discount_percent: 30 });
    expect(JSON.parse(offer?.output ?? '{}')).toMatchObject({ offer: { discount_percent: 30 } });
    expect((offer?.end ?? -1) >= offer!.start).toBe(true);
    // `auto` holds the router's decision and the specialist it picked.
    expect(rows(run).slice(0, 3)).toEqual([
      'agent auto (entry)',
      '  route retention_churn',
      '  agent retention_churn (routed)',
    ]);
    expect(flatten(run.roots)[1]?.node.route).toMatchObject({ template: 'retention_churn', fallback: false });
  });

  it('draws streamed route and model_call events, and a handoff beside the agent that handed over', () => {
    const builder = new RunTreeBuilder();
    const events = [
      {
        type: 'route',
        template_id: 'retention_churn',
        confidence: 0.82,
        fallback: false,
        runner_up: { template_id: 'support_billing', confidence: 0.61 },
        elapsedMs: 1,
      },
      {
        type: 'model_call',
        agent: 'retention_churn',
        model: 'anthropic:claude',
        input_tokens: 900,
        output_tokens: 120,
        latency_ms: 400,
        elapsedMs: 410,
      },
      {
        type: 'final',
        agent: 'retention_churn',
        text: '',
        transferTo: 'support_billing',
        usage: { inputTokens: 900, outputTokens: 120 },
        elapsedMs: 420,
      },
      {
        type: 'model_call',
        agent: 'support_billing',
        model: 'anthropic:claude',
        input_tokens: 700,
        output_tokens: 80,
        latency_ms: 300,
        elapsedMs: 730,
      },
      { type: 'error', agent: 'support_billing', code: 'deadline_exceeded', message: 'too slow', elapsedMs: 800 },
    ];
    for (const e of events) builder.add(RunEventSchema.parse(e));
    const run = builder.snapshot();
    expect(rows(run)).toEqual([
      'route retention_churn',
      'agent retention_churn (entry)',
      '  model anthropic:claude',
      'agent support_billing (handoff)',
      '  model anthropic:claude',
      '  error deadline_exceeded',
    ]);
    expect(run.roots[0]?.route?.runnerUp).toEqual({ template: 'support_billing', score: 0.61 });
    expect(run.tokens).toEqual({ input: 1600, output: 200 });
    const model = flatten(run.roots).find((r) => r.node.kind === 'model')?.node;
    expect([model?.start, model?.end]).toEqual([10, 410]);
    expect(run.errors).toBe(1);
    expect(run.roots[2]?.status).toBe('error');
  });
});

describe('answer text', () => {
  it('shows the answer of a BI JSON answer while it streams, and plain text as it is', () => {
    expect(visibleAnswer('{"answer":"5 leads, sendo \\"3')).toBe('5 leads, sendo "3');
    expect(visibleAnswer('{"answer":"a\\')).toBe('a');
    expect(visibleAnswer('{"form')).toBe('');
    expect(visibleAnswer('Olá, Carlos')).toBe('Olá, Carlos');
  });
});
