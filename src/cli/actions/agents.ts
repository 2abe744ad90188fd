import type { Command } from 'commander';
import type { AgentInfo } from '../../agents/application/index.js';
import { openApp } from './run.js';

function byCategory(infos: readonly AgentInfo[]): Map<string, AgentInfo[]> {
  const groups = new Map<string, AgentInfo[]>();
  for (const info of infos) groups.set(info.category, [...(groups.get(info.category) ?? []), info]);
  return groups;
}

/** The listing for a terminal: agents grouped by category, each with its description and tools. */
export function formatAgents(infos: readonly AgentInfo[]): string {
  const lines: string[] = [];
  for (const [category, agents] of byCategory(infos)) {
    lines.push(`${category.toUpperCase()}`);
    for (const agent of agents) {
      lines.push(`  ${agent.type}${agent.name !== agent.type ? ` — ${agent.name}` : ''}`);
      lines.push(`      ${agent.description}`);
      lines.push(`      tools: ${agent.tools.length > 0 ? agent.tools.join(', ') : '(none)'}`);
    }
    lines.push('');
  }
  lines.push(`${infos.length} agents. Run one with: ventros run <agent|auto> "<message>"`);
  return lines.join('\n');
}

/** `ventros agents [--json]`. */
export async function listAgents(options: { json?: boolean }, command: Command): Promise<void> {
  const app = await openApp(command);
  try {
    const infos = app.agents();
    process.stdout.write(options.json ? `${JSON.stringify(infos, null, 2)}\n` : `${formatAgents(infos)}\n`);
  } finally {
    await app.close();
  }
}
