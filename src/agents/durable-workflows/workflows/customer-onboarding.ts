import { WorkflowError } from '../errors.js';
import { Saga } from '../saga.js';
import { type CustomerOnboardingStart, CustomerOnboardingStartSchema } from '../start-requests.js';
import type { WorkflowContext } from '../workflow-context.js';
import { defineWorkflow } from '../workflow-definition.js';
import { agentStep, sendStep, type ToolStepResult, toolStep } from '../workflow-steps.js';

/** The seed's apology, sent when the AI welcome fails or a later step undoes the onboarding. */
export const ONBOARDING_APOLOGY = 'Desculpe, tivemos um problema técnico. Nossa equipe entrará em contato em breve.';

const META = { workflow: 'customer_onboarding', agent_category: 'support' };

/** What a completed onboarding returns. */
export interface CustomerOnboardingResult {
  status: 'success';
  contact_id: string;
  subscription_id: string | null;
  steps: string[];
}

/** A tool step that failed as data: a saga step (or its compensation) must succeed, so it throws. */
class OnboardingStepFailed extends WorkflowError {
  constructor(step: string, content: string) {
    super('onboarding_step_failed', `${step}: ${content.slice(0, 300)}`);
  }
}

async function required(step: string, call: Promise<ToolStepResult>): Promise<ToolStepResult> {
  const result = await call;
  if (!result.ok) throw new OnboardingStepFailed(step, result.content);
  return result;
}

/** A string field of a tool's structured answer, e.g. `lead.stage_id`. */
function field(result: ToolStepResult | undefined, ...path: string[]): string | undefined {
  let value: unknown = result?.structured;
  for (const key of path)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The seed's CustomerOnboardingSaga on the host's tools. Each step registers a compensation; when a
 * step fails the done ones are undone newest first and the workflow fails (status `failed`) with
 * what was compensated. The seed's CRM operations map to our tools:
 *
 * | seed step (compensation)                          | here (compensation)                                        |
 * |---------------------------------------------------|------------------------------------------------------------|
 * | CreateAccount (DeleteAccount)                     | `update_pipeline_stage` → won (back to the previous stage) |
 * | SetupBilling (CancelBilling)                      | billing `create_ticket` (a task to cancel the billing)     |
 * | AIWelcome (SendApology)                           | `support_onboarding` agent + outbound (the apology)        |
 * | ProvisionResources (DeprovisionResources)         | kickoff `create_follow_up_task` (a task to cancel it)      |
 * | ActivateSubscription (SuspendSubscription)        | `store_memory` of the subscription (a memory of the undo)  |
 *
 * The apology also goes out when the welcome itself fails (`onOwnFailure`).
 */
export const customerOnboarding = defineWorkflow({
  name: 'customer_onboarding',
  engineName: 'CustomerOnboardingSaga',
  idPrefix: 'onboarding',
  description: 'Onboarding saga: account, billing, AI welcome, kickoff, activation; compensated in reverse on failure',
  input: CustomerOnboardingStartSchema,
  async run(input: CustomerOnboardingStart, ctx): Promise<CustomerOnboardingResult> {
    const saga = new Saga();
    const subscription = input.subscription_id ?? 'nova assinatura';
    const plan = input.plan ? ` (plano ${input.plan})` : '';
    // Every task of the saga must be created: a refused one fails its step (or its compensation).
    const task = (name: string, title: string, dueInDays = 0) =>
      required(
        name,
        toolStep(ctx, name, input, 'create_follow_up_task', {
          contact_id: input.contact_id,
          title: title.slice(0, 200),
          due_in_days: dueInDays,
        }),
      );

    return saga.run(async () => {
      await saga.step(
        'create_account',
        () =>
          required(
            'create_account',
            toolStep(ctx, 'create_account', input, 'update_pipeline_stage', {
              contact_id: input.contact_id,
              stage_id: 'won',
              reason: `assinatura ${subscription}${plan}`.slice(0, 300),
            }),
          ),
        {
          name: 'delete_account',
          run: (created) =>
            required(
              'delete_account',
              toolStep(ctx, 'delete_account', input, 'update_pipeline_stage', {
                contact_id: input.contact_id,
                stage_id: field(created, 'previous_stage') ?? 'negotiation',
                reason: 'onboarding desfeito',
              }),
            ),
        },
      );

      await saga.step(
        'setup_billing',
        () =>
          required(
            'setup_billing',
            toolStep(ctx, 'setup_billing', input, 'create_ticket', {
              contact_id: input.contact_id,
              subject: `Configurar cobrança: ${subscription}${plan}`.slice(0, 200),
              description: `Nova assinatura ${subscription}${plan}: configurar a cobrança.`,
              category: 'billing',
              severity: 3,
            }),
          ),
        {
          name: 'cancel_billing',
          run: (ticket) =>
            task(
              'cancel_billing',
              `Cancelar a cobrança (ticket ${field(ticket, 'ticket', 'ticket_id') ?? '?'}): onboarding desfeito`,
            ),
        },
      );

      await saga.step('ai_welcome', () => welcome(ctx, input), {
        name: 'send_apology',
        onOwnFailure: true,
        run: () =>
          sendStep(ctx, 'send_apology', input, {
            text: ONBOARDING_APOLOGY,
            agentId: 'support_onboarding',
            source: 'system',
            metadata: { ...META, reason: 'compensation' },
          }),
      });

      await saga.step('provision_resources', () => task('provision_resources', `Kickoff de onboarding${plan}`, 2), {
        name: 'deprovision_resources',
        run: (kickoff) =>
          task(
            'deprovision_resources',
            `Cancelar o kickoff (tarefa ${field(kickoff, 'task_id') ?? '?'}): onboarding desfeito`,
          ),
      });

      await saga.step(
        'activate_subscription',
        () =>
          required(
            'activate_subscription',
            toolStep(ctx, 'activate_subscription', input, 'store_memory', {
              contact_id: input.contact_id,
              content: `Cliente assinou ${subscription}${plan}; onboarding iniciado.`,
              memory_type: 'purchase',
              importance: 0.7,
            }),
          ),
        {
          name: 'suspend_subscription',
          run: () =>
            required(
              'suspend_subscription',
              toolStep(ctx, 'suspend_subscription', input, 'store_memory', {
                contact_id: input.contact_id,
                content: `O onboarding de ${subscription} foi desfeito por uma falha.`,
                memory_type: 'agent_insight',
                importance: 0.6,
              }),
            ),
        },
      );

      return {
        status: 'success' as const,
        contact_id: input.contact_id,
        subscription_id: input.subscription_id ?? null,
        steps: ['create_account', 'setup_billing', 'ai_welcome', 'provision_resources', 'activate_subscription'],
      };
    });
  },
});

async function welcome(ctx: WorkflowContext, input: CustomerOnboardingStart): Promise<void> {
  const reply = await agentStep(ctx, 'ai_welcome', input, {
    agent: 'support_onboarding',
    message:
      'A new customer just subscribed. Send them a personalized welcome and the first step to get started ' +
      '(one step only).',
    context: { reason: 'onboarding_welcome', ...(input.plan ? { plan: input.plan } : {}) },
  });
  if (reply.text === '') throw new OnboardingStepFailed('ai_welcome', 'the agent wrote no welcome');
  await sendStep(ctx, 'send_welcome', input, {
    text: reply.text,
    agentId: reply.agent_used,
    source: 'system',
    metadata: { ...META, reason: 'welcome' },
  });
}
