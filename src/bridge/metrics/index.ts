export { AgentMetrics, type AgentMetricsOptions, confidenceBucket } from './agent-metrics.js';
export { type AppMetrics, createAppMetrics } from './app-metrics.js';
export { type OpsSources, registerOpsMetrics } from './ops-metrics.js';
export { OutboxMetrics } from './outbox-metrics.js';
