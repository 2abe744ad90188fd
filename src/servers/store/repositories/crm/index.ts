import type { Database } from 'better-sqlite3';
import { createBiQueryRepository } from './bi-query-repository.js';
import { createCampaignRepository } from './campaign-repository.js';
import { createErrorLogRepository } from './error-log-repository.js';
import { createEscalationRepository } from './escalation-repository.js';
import { createLeadRepository } from './lead-repository.js';
import { createOfferRepository } from './offer-repository.js';
import { createPipelineRepository } from './pipeline-repository.js';
import { createPurchaseRepository } from './purchase-repository.js';
import { createSystemComponentRepository } from './system-component-repository.js';
import { createTaskRepository } from './task-repository.js';
import { createTenantGenerations } from './tenant-generations.js';
import { createTicketRepository } from './ticket-repository.js';

/**
 * The CRM repositories (leads, pipeline, purchases, offers, tickets, escalations, tasks, campaigns,
 * system components, error logs, BI queries) over one database. They share one per-tenant generation counter
 * that every write bumps (`generations.stamp(tenantId)` keys the BI query cache).
 */
export function createCrmRepositories(db: Database) {
  const generations = createTenantGenerations(db);
  return {
    generations,
    leads: createLeadRepository(db, generations),
    pipeline: createPipelineRepository(db, generations),
    purchases: createPurchaseRepository(db, generations),
    offers: createOfferRepository(db, generations),
    tickets: createTicketRepository(db, generations),
    escalations: createEscalationRepository(db, generations),
    tasks: createTaskRepository(db, generations),
    campaigns: createCampaignRepository(db, generations),
    systemComponents: createSystemComponentRepository(db, generations),
    errorLogs: createErrorLogRepository(db, generations),
    bi: createBiQueryRepository(db),
  };
}
export type CrmRepositories = ReturnType<typeof createCrmRepositories>;

export type { AgentInfoRow, AgentMessageSample, AgentStatsRow, LeadStats, TimeRange } from './bi-query-repository.js';
export type { CampaignRow } from './campaign-repository.js';
export type { ErrorLevel, ErrorLogRow } from './error-log-repository.js';
export type { EscalationRow, EscalationTarget } from './escalation-repository.js';
export type {
  Bant,
  CampaignLeadStats,
  LeadChanges,
  LeadClassification,
  LeadRow,
  LeadStatus,
  NewLead,
} from './lead-repository.js';
export type { NewOffer, OfferCaseRow, OfferRow, OfferStatus } from './offer-repository.js';
export type { PipelineStageRow } from './pipeline-repository.js';
export type { PurchaseRow, PurchaseSummary } from './purchase-repository.js';
export type { ComponentStatus, SystemComponentRow } from './system-component-repository.js';
export type { TaskRow } from './task-repository.js';
export { newId, type TenantGenerations } from './tenant-generations.js';
export type { NewTicket, TicketPriority, TicketRow, TicketStatus } from './ticket-repository.js';
