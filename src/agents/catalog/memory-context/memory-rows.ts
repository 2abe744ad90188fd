import { z } from 'zod';
import { compiledZodCheck } from '../../../shared/compiled-zod-check.js';

/**
 * What the memory context reads from the memory tools' results, as zod schemas (loose: a memory
 * service may send more), with a fast path: a compiled JSON Schema check of the same shape with every
 * field the defaults would fill required. A value that passes it is one the zod parse returns as it
 * is, so it is used without the parse (a zod parse of a contact context copies every object in it,
 * ~4× the check's CPU); anything else goes through zod. Every result is validated either way — the
 * local memory server's and an external one's alike.
 */

const MemoryRow = z.looseObject({
  contact_id: z.string().nullable().optional(),
  content: z.string(),
  memory_type: z.string(),
  relevance_score: z.number().optional(),
  created_at: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
const MessageRow = z.looseObject({ content: z.string(), is_inbound: z.boolean(), sent_at: z.string() });

function contactContextRow(withDefaults: boolean) {
  return z.looseObject({
    profile: z.looseObject({ contact_id: z.string(), custom_fields: z.record(z.string(), z.string()).optional() }),
    recent_memories: withDefaults ? z.array(MemoryRow).default([]) : z.array(MemoryRow),
    recent_messages: withDefaults ? z.array(MessageRow).default([]) : z.array(MessageRow),
    graph: z
      .looseObject({
        nodes: z.array(
          z.looseObject({ id: z.string(), type: z.string(), properties: z.record(z.string(), z.string()) }),
        ),
        edges: z.array(
          z.looseObject({ from_id: z.string(), to_id: z.string(), to_type: z.string(), relationship: z.string() }),
        ),
      })
      .optional(),
    stats: z.looseObject({
      sentiment_average: z.number().nullable().optional(),
      last_activity: z.string().nullable().optional(),
    }),
  });
}

const ContactContextRowSchema = contactContextRow(true);
export type ContactContextRow = z.infer<typeof ContactContextRowSchema>;
const SearchRowSchema = z.looseObject({ memories: z.array(MemoryRow) });
export type SearchRow = z.infer<typeof SearchRowSchema>;

/** The zod parse of `schema`, skipped when `exact` (the same shape, no defaults) passes as compiled JSON Schema. */
function parser<T>(schema: z.ZodType<T>, exact: z.ZodType): (value: unknown) => T | undefined {
  const check = compiledZodCheck(exact, 'output');
  return (value) => {
    if (check(value) === true) return value as T;
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
}

/** A get_contact_context result as the memory context reads it, or undefined when it is not one. */
export const parseContactContextRow = parser(ContactContextRowSchema, contactContextRow(false));

/** A search_memory result as the memory context reads it, or undefined when it is not one. */
export const parseSearchRow = parser(SearchRowSchema, SearchRowSchema);
