import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculateLeadScore } from '../../../src/servers/sales/lead-score.js';
import { callTool, connectStdio, ok, seededDataDir, textOf } from '../framework/harness.js';

let data: { dir: string; cleanup(): void };
let client: Client;

beforeAll(async () => {
  data = await seededDataDir();
  client = await connectStdio('sales', { VENTROS_DATA_DIR: data.dir });
}, 60_000);

afterAll(async () => {
  await client?.close();
  data?.cleanup();
});

const allTens = {
  budget_score: 10,
  authority_score: 10,
  need_score: 10,
  timeline_score: 10,
  engagement_score: 10,
  company_score: 10,
  source_score: 10,
  response_speed_score: 10,
};

describe('lead score (seed weights)', () => {
  it('weighs BANT 40, engagement 20, company 20, source 10, speed 10 and applies the thresholds', () => {
    expect(calculateLeadScore(allTens)).toMatchObject({ total_score: 100, classification: 'hot' });
    const warm = calculateLeadScore({ ...allTens, engagement_score: 5, company_score: 5 });
    expect(warm).toMatchObject({ total_score: 80, classification: 'hot', breakdown: { engagement: 10, company: 10 } });
    expect(calculateLeadScore({ ...allTens, engagement_score: 0, company_score: 0 })).toMatchObject({
      total_score: 60,
      classification: 'warm',
    });
    expect(
      calculateLeadScore({
        ...allTens,
        engagement_score: 0,
        company_score: 0,
        source_score: 0,
        response_speed_score: 0,
      }),
    ).toMatchObject({ total_score: 40, classification: 'cold', recommended_action: 'long_nurture' });
    expect(
      calculateLeadScore({
        ...allTens,
        budget_score: 9,
        engagement_score: 0,
        company_score: 0,
        source_score: 0,
        response_speed_score: 0,
      }),
    ).toMatchObject({ total_score: 39, classification: 'unqualified', recommended_action: 'disqualify' });
  });
});

describe('sales server over stdio', () => {
  it('qualifies a new lead with BANT and computes the score when every input is known', async () => {
    const result = ok<{
      lead: { contact_id: string; score: number; classification: string; stage_id: string };
      bant_points: number;
    }>(
      await callTool(
        client,
        'qualify_lead',
        {
          budget: { score: 9, notes: 'R$ 5 mil/mês aprovado' },
          authority: { score: 10, notes: 'é o dono' },
          need: { score: 9 },
          timeline: { score: 8, notes: 'este mês' },
          engagement_score: 8,
          company_score: 7,
          source_score: 8,
          response_speed_score: 9,
        },
        { tenantId: 'tenant-demo', contactId: 'contact-igor' },
      ),
    );
    expect(result.bant_points).toBe(36);
    expect(result.lead).toMatchObject({
      contact_id: 'contact-igor',
      score: 83,
      classification: 'hot',
      stage_id: 'qualified',
    });
  });

  it("hands the qualified lead over with the seed's LEAD SUMMARY: stored BANT notes, insights, next steps", async () => {
    const result = ok<{ handoff_notes: string; priority: string }>(
      await callTool(
        client,
        'assign_to_agent',
        {
          insights: ['Perde leads por falta de follow-up'],
          next_steps: ['Ligar hoje com proposta para 50 usuários'],
        },
        { tenantId: 'tenant-demo', contactId: 'contact-igor' },
      ),
    );
    expect(result.priority).toBe('high');
    const notes = result.handoff_notes.split('\n');
    expect(notes[0]).toBe('LEAD SUMMARY');
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^- Name: \S/),
        '- Score: 83/100',
        'BANT ASSESSMENT:',
        '- Budget: R$ 5 mil/mês aprovado (9/10)',
        '- Need: 9/10',
        '- Perde leads por falta de follow-up',
        'NEXT STEPS:',
        '- Ligar hoje com proposta para 50 usuários',
      ]),
    );
  });

  it('calculates a score without saving it when save=false', async () => {
    const result = ok<{ total_score: number; lead: unknown }>(
      await callTool(client, 'calculate_lead_score', { ...allTens, save: false }),
    );
    expect(result).toMatchObject({ total_score: 100, lead: null });
  });

  it('refuses to assign a lead with score below 60 and says why', async () => {
    const result = await callTool(client, 'assign_to_agent', { contact_id: 'contact-tiago' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/score 40, below 60/);
  });

  it('assigns a hot lead to the human closer with the best conversion rate', async () => {
    const result = ok<{ agent: { agent_id: string }; strategy: string; lead: { assigned_agent_id: string } }>(
      await callTool(client, 'assign_to_agent', { contact_id: 'contact-rafael', priority: 'high' }),
    );
    expect(result.strategy).toBe('best_conversion');
    expect(result.agent.agent_id).toBe('agent-joao');
    expect(result.lead.assigned_agent_id).toBe('agent-joao');
  });

  it('refuses an explicit agent that is not an active human sales agent', async () => {
    const result = await callTool(client, 'assign_to_agent', { contact_id: 'contact-rafael', agent_id: 'ai-sales' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/not an active human sales agent/);
  });

  it('moves a lead to won and refuses unknown stages with the list of stages', async () => {
    const won = ok<{ lead: { status: string; stage_id: string }; previous_stage: string }>(
      await callTool(client, 'update_pipeline_stage', { contact_id: 'contact-yasmin', stage_id: 'won' }),
    );
    expect(won).toMatchObject({ previous_stage: 'proposal', lead: { status: 'won', stage_id: 'won' } });
    const bad = await callTool(client, 'update_pipeline_stage', { contact_id: 'contact-yasmin', stage_id: 'limbo' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/Unknown stage "limbo"\. Stages: .*won/);
  });

  it('creates a follow-up task due in two days for the current contact', async () => {
    const task = ok<{ task_id: string; contact_id: string; due_at: string }>(
      await callTool(
        client,
        'create_follow_up_task',
        { title: 'Enviar proposta', due_in_days: 2 },
        {
          tenantId: 'tenant-demo',
          contactId: 'contact-sofia',
        },
      ),
    );
    expect(task.contact_id).toBe('contact-sofia');
    expect(new Date(task.due_at).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
  });

  it('answers an unknown contact and bad arguments with tool errors', async () => {
    const unknown = await callTool(client, 'create_follow_up_task', { title: 'Ligar', contact_id: 'contact-nobody' });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/Contact "contact-nobody" not found/);
    const bad = await callTool(client, 'calculate_lead_score', { ...allTens, budget_score: 11 });
    expect(bad.isError).toBe(true);
  });
});
