import { z } from 'zod';
import { type CallContext, contactIdOf, defineTool, requireContact, type ToolSpec } from '../framework/index.js';
import type { LeadRow } from '../store/repositories/crm/index.js';
import { resolveLead, type SalesDeps } from './sales-context.js';

const DAY_MS = 86_400_000;
/** Peers read per call: enough for rates, bounded however large the tenant. */
const MAX_PEERS = 200;
const contactIdShape = z
  .string()
  .max(100)
  .optional()
  .describe('Contact id; defaults to the contact of this conversation');
const leadIdShape = z.string().max(100).optional().describe('Lead id; defaults to the contact’s open or latest lead');

/** The lead asked about, or undefined when the contact has none yet (not an error: a new lead). */
function leadOf(
  deps: SalesDeps,
  args: { lead_id?: string | undefined; contact_id?: string | undefined },
  ctx: CallContext,
): { contactId: string; lead: LeadRow | undefined } {
  if (args.lead_id) {
    const lead = resolveLead(deps, args, ctx);
    return { contactId: lead.contact_id, lead };
  }
  const contactId = contactIdOf(args.contact_id, ctx);
  requireContact(deps.store.contacts, ctx.tenantId, contactId);
  return { contactId, lead: deps.store.crm.leads.latestForContact(ctx.tenantId, contactId) };
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0);
const days = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS));

/** `get_campaign_info`: where the lead came from (the seed's prospecting step 1: "origem do lead, UTM, campaign"). */
export function getCampaignInfoTool(deps: SalesDeps): ToolSpec {
  return defineTool({
    name: 'get_campaign_info',
    access: 'contact',
    title: 'Where the lead came from',
    description:
      "The origin of the contact's lead: its source (whatsapp, website, email, …) and the marketing campaign " +
      'that brought it (name, channel, dates, whether it is running), with how that campaign’s leads ended ' +
      '(won, lost, open, conversion rate). Call it first when prospecting, to adapt the pitch to what the ' +
      'lead saw. Answers lead: null for a contact that has no lead yet.',
    input: { contact_id: contactIdShape, lead_id: leadIdShape },
    output: {
      contact_id: z.string(),
      lead: z
        .object({
          source: z.string(),
          campaign_id: z.string().nullable(),
          stage_id: z.string(),
          created_at: z.string(),
        })
        .nullable(),
      campaign: z
        .object({
          campaign_id: z.string(),
          name: z.string(),
          channel: z.string(),
          budget: z.number(),
          started_at: z.string(),
          ended_at: z.string().nullable(),
          active: z.boolean(),
        })
        .nullable(),
      campaign_results: z
        .object({
          leads: z.number().int(),
          won: z.number().int(),
          lost: z.number().int(),
          open: z.number().int(),
          conversion_rate: z.number(),
          avg_score: z.number().nullable(),
          cost_per_lead: z.number().nullable(),
        })
        .nullable(),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      // One read: the contact, its lead, the campaign and its stats are kept reads sharing one freshness check.
      const { contactId, lead, campaign, stats } = deps.store.readBatch(() => {
        const { contactId, lead } = leadOf(deps, args, ctx);
        const campaign = lead?.campaign_id ? deps.store.crm.campaigns.get(ctx.tenantId, lead.campaign_id) : undefined;
        const stats = campaign ? deps.store.crm.leads.campaignStats(ctx.tenantId, campaign.id) : undefined;
        return { contactId, lead, campaign, stats };
      });
      const now = (deps.now ?? (() => new Date()))();
      return {
        contact_id: contactId,
        lead: lead
          ? { source: lead.source, campaign_id: lead.campaign_id, stage_id: lead.stage_id, created_at: lead.created_at }
          : null,
        campaign: campaign
          ? {
              campaign_id: campaign.id,
              name: campaign.name,
              channel: campaign.channel,
              budget: campaign.budget,
              started_at: campaign.started_at,
              ended_at: campaign.ended_at,
              active: campaign.ended_at === null || Date.parse(campaign.ended_at) > now.getTime(),
            }
          : null,
        campaign_results:
          campaign && stats
            ? {
                leads: stats.leads,
                won: stats.won,
                lost: stats.lost,
                open: stats.open,
                conversion_rate: ratio(stats.won, stats.won + stats.lost),
                avg_score: stats.avg_score === null ? null : Math.round(stats.avg_score * 10) / 10,
                cost_per_lead: stats.leads > 0 ? Math.round((campaign.budget / stats.leads) * 100) / 100 : null,
              }
            : null,
      };
    },
  });
}

/**
 * `check_similar_leads`: how leads like this one ended — other contacts' leads from the same campaign
 * (or source), closest score first. Anonymous by design: no contact, name, company or lead id of
 * anyone else, so a customer conversation may use it.
 */
export function checkSimilarLeadsTool(deps: SalesDeps): ToolSpec {
  return defineTool({
    name: 'check_similar_leads',
    access: 'contact',
    title: 'How similar leads ended',
    description:
      "Leads like this contact's (same campaign, or same source without one), closest score first, and how " +
      'they ended: won, lost or open, conversion rate, days to close and typical deal value. Anonymous: it ' +
      'names no other customer. Use it to judge the next step (push a proposal, nurture, follow up).',
    input: {
      contact_id: contactIdShape,
      lead_id: leadIdShape,
      limit: z.number().int().min(1).max(20).default(5).describe('How many similar leads to describe'),
    },
    output: {
      contact_id: z.string(),
      basis: z
        .object({ campaign_id: z.string().nullable(), source: z.string(), score: z.number().nullable() })
        .nullable(),
      summary: z.object({
        similar_leads: z.number().int(),
        won: z.number().int(),
        lost: z.number().int(),
        open: z.number().int(),
        conversion_rate: z.number(),
        avg_days_to_close: z.number().nullable(),
        avg_won_value: z.number().nullable(),
      }),
      examples: z.array(
        z.object({
          status: z.string(),
          stage_id: z.string(),
          score: z.number().nullable(),
          classification: z.string().nullable(),
          value: z.number(),
          days_to_close: z.number().nullable(),
        }),
      ),
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const { contactId, lead } = deps.store.readBatch(() => leadOf(deps, args, ctx));
      const peers = lead ? deps.store.crm.leads.peersOf(ctx.tenantId, lead, MAX_PEERS) : [];
      const score = lead?.score ?? null;
      const closest = [...peers].sort((a, b) =>
        score === null ? 0 : Math.abs((a.score ?? 0) - score) - Math.abs((b.score ?? 0) - score),
      );
      const won = peers.filter((p) => p.status === 'won');
      const lost = peers.filter((p) => p.status === 'lost').length;
      const closeDays = won.filter((p) => p.converted_at).map((p) => days(p.created_at, p.converted_at as string));
      const mean = (xs: number[]) =>
        xs.length > 0 ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10 : null;
      return {
        contact_id: contactId,
        basis: lead ? { campaign_id: lead.campaign_id, source: lead.source, score } : null,
        summary: {
          similar_leads: peers.length,
          won: won.length,
          lost,
          open: peers.length - won.length - lost,
          conversion_rate: ratio(won.length, won.length + lost),
          avg_days_to_close: mean(closeDays),
          avg_won_value: mean(won.map((p) => p.value)),
        },
        examples: closest.slice(0, args.limit).map((p) => ({
          status: p.status,
          stage_id: p.stage_id,
          score: p.score,
          classification: p.classification,
          value: p.value,
          days_to_close: p.converted_at ? days(p.created_at, p.converted_at) : null,
        })),
      };
    },
  });
}
