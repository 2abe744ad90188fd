import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { functionTool, LlmAgent, Runner, setTracer } from '../../../src/agents/runtime/index.js';
import { InMemorySessionStore } from '../../../src/agents/sessions/index.js';
import { redactPersonalData, setCaptureMessageContent, startTelemetry } from '../../../src/shared/telemetry/index.js';
import type { Telemetry } from '../../../src/shared/telemetry/start-telemetry.js';
import { ScriptedModel } from '../../support/scripted-model.js';
import { OtlpReceiver } from './otlp-receiver.js';

const MESSAGE = 'Sou a Ana, ana.souza@example.com, CPF 123.456.789-09, fone +55 (11) 91234-5678';

function agent() {
  const lookup = functionTool({
    name: 'lookup_contact',
    description: 'Finds a contact',
    parameters: z.object({ email: z.string() }),
    execute: async () => 'Found Ana, phone 11 98765-4321',
  });
  return new LlmAgent({
    name: 'support',
    description: 'Support',
    instruction: 'Help.',
    model: new ScriptedModel(
      [
        {
          toolCalls: [{ name: 'lookup_contact', args: { email: 'ana.souza@example.com' }, id: 'call-1' }],
          usage: { inputTokens: 120, outputTokens: 30 },
        },
        { text: 'Pronto, Ana.', usage: { inputTokens: 200, outputTokens: 12 } },
      ],
      { id: 'anthropic:claude-sonnet-4-6' },
    ),
    tools: [lookup],
  });
}

describe('spans in the OpenTelemetry GenAI conventions', () => {
  const receiver = new OtlpReceiver();
  let telemetry: Telemetry | undefined;

  beforeEach(async () => {
    receiver.spans.length = 0;
    receiver.bodies.length = 0;
    const endpoint = await receiver.start();
    telemetry = startTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    setTracer(telemetry?.tracer);
  });

  afterEach(async () => {
    setTracer(undefined);
    setCaptureMessageContent(false);
    await telemetry?.shutdown();
    await receiver.close();
  });

  const run = async () => {
    await new Runner({ sessions: new InMemorySessionStore() }).execute(agent(), {
      message: MESSAGE,
      tenantId: 'tenant-x',
      sessionId: 'session-7',
    });
    await telemetry?.shutdown();
  };

  it('names invoke_agent, chat and execute_tool spans with gen_ai.* and OpenInference attributes', async () => {
    await run();
    const invoke = receiver.one('invoke_agent support');
    expect(invoke.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support',
      'gen_ai.conversation.id': 'session-7',
      'openinference.span.kind': 'AGENT',
      'gen_ai.usage.input_tokens': 320,
      'gen_ai.usage.output_tokens': 42,
    });
    const chats = receiver.children(invoke, 'chat claude-sonnet-4-6');
    expect(chats).toHaveLength(2);
    expect(chats[0]?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      // The scripted model declares provider offline, whatever its id.
      'gen_ai.provider.name': 'ventros.offline',
      'gen_ai.request.model': 'claude-sonnet-4-6',
      'gen_ai.response.model': expect.any(String),
      'gen_ai.agent.name': 'support',
      'gen_ai.conversation.id': 'session-7',
      'gen_ai.usage.input_tokens': 120,
      'gen_ai.usage.output_tokens': 30,
      'openinference.span.kind': 'LLM',
      'llm.model_name': 'claude-sonnet-4-6',
      'llm.token_count.total': 150,
    });
    const tool = receiver.one('execute_tool lookup_contact');
    expect(tool.parentSpanId).toBe(invoke.spanId);
    expect(tool.attributes).toMatchObject({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup_contact',
      'gen_ai.tool.call.id': 'call-1',
      'gen_ai.agent.name': 'support',
      'openinference.span.kind': 'TOOL',
    });
    // Content is opt-in: by default no message, argument or result reaches the collector.
    const everything = receiver.bodies.join('\n');
    for (const text of ['ana.souza', 'Sou a Ana', 'Found Ana', 'Pronto']) expect(everything).not.toContain(text);
  });

  it('carries message content, redacted, only when switched on', async () => {
    setCaptureMessageContent(true);
    await run();
    const invoke = receiver.one('invoke_agent support');
    expect(invoke.attributes['input.value']).toBe('Sou a Ana, [email], CPF [cpf], fone [phone]');
    expect(invoke.attributes['output.value']).toBe('Pronto, Ana.');
    const [first] = receiver.children(invoke, 'chat');
    expect(String(first?.attributes['gen_ai.input.messages'])).toContain('Sou a Ana, [email]');
    expect(String(first?.attributes['gen_ai.system_instructions'])).toContain('Help.');
    const tool = receiver.one('execute_tool lookup_contact');
    expect(tool.attributes['gen_ai.tool.call.arguments']).toBe('{"email":"[email]"}');
    expect(tool.attributes['gen_ai.tool.call.result']).toBe('Found Ana, phone [phone]');
    const everything = receiver.bodies.join('\n');
    for (const raw of ['ana.souza@example.com', '123.456.789-09', '91234-5678', '98765-4321']) {
      expect(everything).not.toContain(raw);
    }
  });
});

describe('redactPersonalData', () => {
  it('masks e-mails, CPFs with or without punctuation, and phone numbers', () => {
    expect(redactPersonalData('x@y.com.br 12345678909 123.456.789-09 (11) 3456-7890 +1 415 555 0100')).toBe(
      '[email] [cpf] [cpf] [phone] [phone]',
    );
    expect(redactPersonalData('pedido 42, R$ 1.250,00, 30% off')).toBe('pedido 42, R$ 1.250,00, 30% off');
  });
});
