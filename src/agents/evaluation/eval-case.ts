import { z } from 'zod';
import { AudienceSchema } from '../application/index.js';

const Name = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'expected a name like retention_churn or search_memory');

/** The languages the answer checks know. */
export const LanguageSchema = z.enum(['pt', 'en', 'es']);
export type Language = z.infer<typeof LanguageSchema>;

/**
 * Which tools a run must call. `exact`: the calls are exactly `tools`, in order; `in_order`: `tools`
 * appear in this order, other calls allowed between them; `any_order`: every one of `tools` is called;
 * `subset`: nothing outside `tools` is called. `forbidden` tools must never be called (attempts count).
 */
export const TrajectorySchema = z
  .object({
    mode: z.enum(['exact', 'in_order', 'any_order', 'subset']).default('in_order'),
    tools: z.array(Name).default([]),
    forbidden: z.array(Name).default([]),
  })
  .strict();
export type Trajectory = z.infer<typeof TrajectorySchema>;

/**
 * A text pattern: case-insensitive substring, or a regular expression written `/…/flags`. A list is
 * "any of these" (`contains: [["desconto", "discount"]]` passes on either word).
 */
const Pattern = z.string().min(1);
const PatternOrAny = z.union([Pattern, z.array(Pattern).min(1)]);

/** Checks on the answer text. */
export const AnswerExpectSchema = z
  .object({
    language: LanguageSchema.optional(),
    contains: z.array(PatternOrAny).default([]),
    not_contains: z.array(Pattern).default([]),
    /** Every number in the answer appears in a tool result or in the user's messages (default true). */
    numbers_traceable: z.boolean().optional(),
    /** No contact-…, anonymous-…, uuids, tool or agent names (default: true for customers, false for staff). */
    no_internal_ids: z.boolean().optional(),
    /** No other contact of the tenant named (default: true for customers, false for staff). */
    no_other_contacts: z.boolean().optional(),
  })
  .strict();
export type AnswerExpect = z.infer<typeof AnswerExpectSchema>;

/** What a good agent does: checked on a turn (per-turn `expect`) or on the whole conversation. */
export const ExpectSchema = z
  .object({
    /** The agents allowed to answer (any of them). */
    agents: z.array(Name).min(1).optional(),
    trajectory: TrajectorySchema.optional(),
    /** Argument checks, e.g. `create_retention_offer.discount_percent <= 30` (see arg-expression.ts). */
    args: z.array(z.string().min(3)).default([]),
    answer: AnswerExpectSchema.optional(),
    /** The case author's severity of the complaint (1-10): ≥ 8 must go to a supervisor. */
    severity: z.number().int().min(1).max(10).optional(),
    /** Whether the run must (true) or must not (false) escalate to a supervisor. */
    escalate: z.boolean().optional(),
    /** What a model judge grades (only with `--judge`): pass at score ≥ 0.7. */
    rubric: z.string().min(10).optional(),
  })
  .strict();
export type Expect = z.infer<typeof ExpectSchema>;

/** One user message, optionally with expectations for that turn only. A bare string is a message. */
export const TurnSchema = z.union([
  z
    .string()
    .trim()
    .min(1)
    .transform((message): { message: string; expect?: Expect } => ({ message })),
  z.object({ message: z.string().trim().min(1), expect: ExpectSchema.optional() }).strict(),
]);
export type Turn = z.output<typeof TurnSchema>;

/**
 * One eval case: a conversation (one or more user turns) from a tenant's contact, with the
 * expectations a good agent meets. `persona` and `goal` make it a simulated conversation when a real
 * model is configured (a model plays the customer for up to `max_turns`); the offline model uses the
 * scripted `turns`.
 */
export const EvalCaseSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lower-case letters, digits, ".", "_" and "-"')
      .max(120),
    description: z.string().default(''),
    tags: z.array(z.string().min(1)).default([]),
    tenant: z.string().min(1).default('tenant-demo'),
    /** The contact the messages come from; absent = an unknown (anonymous) sender. */
    contact: z.string().min(1).optional(),
    audience: AudienceSchema.default('customer'),
    channel: z.string().min(1).default('whatsapp'),
    /** Where the messages go: `auto` (routed, the default), `coordinator` or a template id. */
    agent: Name.default('auto'),
    turns: z.array(TurnSchema).min(1),
    expect: ExpectSchema.default({ args: [] }),
    persona: z.string().min(3).optional(),
    goal: z.string().min(3).optional(),
    max_turns: z.number().int().min(1).max(10).default(4),
  })
  .strict();
export type EvalCase = z.output<typeof EvalCaseSchema>;
export type EvalCaseInput = z.input<typeof EvalCaseSchema>;

/** A case file: a list of cases, or `{defaults, cases}` where `defaults` fills fields a case leaves out. */
export const EvalFileDefaultsSchema = z
  .object({
    tenant: z.string().min(1).optional(),
    contact: z.string().min(1).optional(),
    audience: AudienceSchema.optional(),
    channel: z.string().min(1).optional(),
    agent: Name.optional(),
    tags: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type EvalFileDefaults = z.infer<typeof EvalFileDefaultsSchema>;

/** The expected agents of a case: the conversation's, else the last turn's that names some, else the requested agent. */
export function expectedAgents(evalCase: EvalCase): string[] {
  const turn = evalCase.turns.findLast((t) => t.expect?.agents)?.expect?.agents;
  return evalCase.expect.agents ?? turn ?? (evalCase.agent === 'auto' ? [] : [evalCase.agent]);
}
