import type { Command } from 'commander';
import { type Audience, AudienceSchema, type ExecutionResult } from '../../agents/application/index.js';
import { renderFormatGuide } from '../../agents/catalog/index.js';
import { DEFAULT_TENANT_ID } from '../../shared/index.js';
import { type App, createApp } from '../create-app.js';

/** Options every command that talks to agents shares. */
export interface AgentCommandOptions {
  contact?: string;
  tenant?: string;
  session?: string;
  json?: boolean;
  /** Who the run is for: `staff` (default for `run`) or `customer` (play the customer). */
  as?: string;
}

/** The `--as` option: staff or customer; anything else is a usage error (exit code 2). */
export function audienceOption(value: string | undefined, fallback: Audience): Audience | undefined {
  if (value === undefined) return fallback;
  const parsed = AudienceSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  process.stderr.write(`ventros: --as must be staff or customer, not "${value}"\n`);
  process.exitCode = 2;
  return undefined;
}

/** Opens the app with the global `--config`; a fresh data dir gets the demo tenant, so demos just work. */
export function openApp(command: Command): Promise<App> {
  const config = command.optsWithGlobals<{ config?: string }>().config;
  return createApp({ ...(config ? { configPath: config } : {}), seedIfEmpty: true });
}

/** An unknown agent: a clear message listing the known ones, exit code 2 (usage error). */
export function checkAgent(app: App, agent: string): boolean {
  if (agent === 'auto' || app.catalog.has(agent)) return true;
  process.stderr.write(
    `ventros: unknown agent "${agent}". Known agents:\n  auto\n  ${app.catalog.ids().join('\n  ')}\n`,
  );
  process.exitCode = 2;
  return false;
}

/** The answer as a terminal shows it: a BI answer rendered from its format guide. */
export function answerText(result: ExecutionResult): string {
  return result.format_guide ? renderFormatGuide(result.response, result.format_guide, 'plain_text') : result.response;
}

/** The lines under the answer: who answered, with which tools and model, how fast. */
export function summaryLines(result: ExecutionResult): string[] {
  const route = result.metadata['route_template']
    ? ` (auto → ${result.metadata['route_template']}, confiança ${Number(result.metadata['route_confidence']).toFixed(2)}${
        result.metadata['route_fallback'] === 'true' ? ', fallback' : ''
      })`
    : '';
  const tools = result.tool_calls.map((c) => (c.is_error ? `${c.tool_name} (erro)` : c.tool_name));
  const model =
    result.metadata['offline'] === 'true' ? 'offline (política determinística, sem LLM)' : result.metadata['model'];
  return [
    `— agente: ${result.agent_used}${route}`,
    `— ferramentas: ${tools.length > 0 ? tools.join(', ') : '(nenhuma)'}`,
    `— modelo: ${model}`,
    `— latência: ${result.latency_ms} ms`,
  ];
}

/**
 * Runs one message, streaming the answer's text as it arrives (analytics answers are JSON with a format
 * guide, so they are printed rendered at the end instead), then the summary. Returns the result.
 */
export async function streamToTerminal(
  app: App,
  request: Parameters<App['stream']>[0],
  out: NodeJS.WritableStream = process.stdout,
): Promise<ExecutionResult | undefined> {
  let streamed = '';
  let result: ExecutionResult | undefined;
  for await (const item of app.stream(request)) {
    if (item.type === 'partial' && app.catalog.template(item.agent)?.category !== 'analytics') {
      out.write(item.text);
      streamed += item.text;
    } else if (item.type === 'error') {
      throw Object.assign(new Error(item.message), { code: item.code });
    } else if (item.type === 'result') {
      result = item.result as ExecutionResult;
    }
  }
  if (!result) return undefined;
  const answer = answerText(result);
  if (streamed.trim() !== answer.trim()) out.write(`${streamed ? '\n\n' : ''}${answer}`);
  out.write(`\n\n${summaryLines(result).join('\n')}\n`);
  return result;
}

/** `ventros run <agent|auto> "<message>"`. */
export async function runOnce(
  agent: string,
  message: string,
  options: AgentCommandOptions,
  command: Command,
): Promise<void> {
  const audience = audienceOption(options.as, 'staff');
  if (!audience) return;
  const app = await openApp(command);
  try {
    if (!checkAgent(app, agent)) return;
    const request = {
      agent,
      message,
      audience,
      tenantId: options.tenant ?? DEFAULT_TENANT_ID,
      ...(options.contact ? { contactId: options.contact } : {}),
      ...(options.session ? { sessionId: options.session } : {}),
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(await app.execute(request), null, 2)}\n`);
    } else {
      await streamToTerminal(app, request);
    }
  } finally {
    await app.close();
  }
}
