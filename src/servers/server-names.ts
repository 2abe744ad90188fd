/** Every tool server `ventros server <name>` can run. */
export const SERVER_NAMES = ['memory', 'bi', 'sales', 'retention', 'support', 'format'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** One line per server, for `--help` and `ventros tools`. */
export const SERVER_DESCRIPTIONS: Readonly<Record<ServerName, string>> = {
  memory: 'customer memory: hybrid search, contact context, store memories, related entities',
  bi: 'analytics: lead counts, agent conversion stats, top agent, message analysis, agent comparison',
  sales:
    'SDR: BANT qualification, lead score, pipeline stage, assignment, follow-up tasks, campaign info, similar leads',
  retention:
    'churn: retention offers (1-30%, max 3), past offers, customer value, supervisor escalation, similar churn cases',
  support: 'support: tickets, engineering escalation, system status, error logs, handoff to a human',
  format: 'response formatting: tables, chart configs, score aggregation, recommendations',
};

/** Type guard for a server name read from outside (CLI, config). */
export function isServerName(value: string): value is ServerName {
  return (SERVER_NAMES as readonly string[]).includes(value);
}
