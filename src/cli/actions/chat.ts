import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { type Audience, errorMessage } from '../../shared/index.js';
import type { App } from '../create-app.js';
import { audienceOption, checkAgent, openApp, streamToTerminal } from './run.js';

interface ChatOptions {
  agent: string;
  contact?: string;
  tenant: string;
  session?: string;
  /** Who you play: `customer` (default) or `staff`. */
  as?: string;
}

const HELP = 'Comandos: /agent <id> troca de agente, /reset nova conversa, /exit sai.';

/**
 * The chat loop over any line source: one turn per line, the session kept across turns. Works the same
 * on a TTY and on piped stdin (lines are handled one at a time, in order).
 */
export async function chatLoop(
  app: App,
  options: ChatOptions & { audience?: Audience },
  input: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
): Promise<void> {
  const audience = options.audience ?? 'customer';
  const interactive = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, terminal: false });
  let agent = options.agent;
  let sessionId = options.session ?? `chat-${randomUUID()}`;
  // A stable contact keeps one session's turns together even when none was given.
  const contactId = options.contact ?? `cli-${randomUUID().slice(0, 8)}`;
  const prompt = () => {
    if (interactive) out.write(`\n[${agent}] você> `);
  };
  if (interactive) out.write(`Ventros chat — agente ${agent}. ${HELP}\n`);
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) {
      prompt();
      continue;
    }
    if (line === '/exit' || line === '/quit') break;
    if (line === '/reset') {
      sessionId = `chat-${randomUUID()}`;
      out.write('(nova conversa)\n');
    } else if (line.startsWith('/agent')) {
      const next = line.slice('/agent'.length).trim();
      if (next && checkAgent(app, next)) {
        agent = next;
        out.write(`(agente: ${agent})\n`);
      } else if (!next) {
        out.write(`(agente atual: ${agent})\n`);
      }
      process.exitCode = undefined;
    } else if (line.startsWith('/')) {
      out.write(`${HELP}\n`);
    } else {
      try {
        await streamToTerminal(
          app,
          { agent, message: line, tenantId: options.tenant, contactId, sessionId, audience },
          out,
        );
      } catch (error) {
        out.write(`\n(erro: ${errorMessage(error)})\n`);
      }
      // Piped output: a blank line keeps one turn's summary apart from the next answer.
      if (!interactive) out.write('\n');
    }
    prompt();
  }
  rl.close();
}

/** `ventros chat [--agent A] [--contact ID]`. */
export async function runChat(options: ChatOptions, command: Command): Promise<void> {
  const audience = audienceOption(options.as, 'customer');
  if (!audience) return;
  const app = await openApp(command);
  try {
    if (!checkAgent(app, options.agent)) return;
    await chatLoop(app, { ...options, audience }, process.stdin, process.stdout);
  } finally {
    await app.close();
  }
}
