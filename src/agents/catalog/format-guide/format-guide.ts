import { z } from 'zod';

/**
 * The seed's ResponseFormatGuide: the BI agents answer with a text plus a guide telling the front end
 * (or the Go CRM) how to lay it out — sections (text, table, bullets, chart) and an optional chart.
 * Models write it, so every schema here is lenient about extra keys and the seed's synonyms
 * (`summary` sections, `data` for table rows, sections at the top level instead of `structure`).
 */

/** The output formats a guide may ask for. */
export const FormatTypeSchema = z.enum(['markdown', 'html', 'json', 'plain_text']);
export type FormatType = z.infer<typeof FormatTypeSchema>;

/** A table cell as models write them: text, numbers, booleans or empty. */
export const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Cell = z.infer<typeof CellSchema>;

const StylingSchema = z.record(z.string(), z.unknown());

/** Chart configuration for the front end (Chart.js and the like); only `type` is required. */
export const ChartConfigSchema = z.looseObject({
  type: z.string().min(1),
  title: z.string().optional(),
  x_axis: z.string().optional(),
  y_axis: z.string().optional(),
  x_column: z.string().optional(),
  y_column: z.string().optional(),
  data_source: z.string().optional(),
  dimensions: z.array(z.string()).optional(),
  series: z.array(z.unknown()).optional(),
  data: z.array(z.unknown()).optional(),
});
export type ChartConfig = z.infer<typeof ChartConfigSchema>;

const sectionBase = {
  title: z.string().optional(),
  styling: StylingSchema.optional(),
};

export const TextSectionSchema = z.looseObject({
  type: z.literal('text'),
  ...sectionBase,
  /** Absent: the section is a slot for the answer text. */
  content: z.string().optional(),
});

export const TableSectionSchema = z.looseObject({
  type: z.literal('table'),
  ...sectionBase,
  columns: z.array(z.string()).default([]),
  rows: z.array(z.array(CellSchema)).default([]),
});

export const BulletsSectionSchema = z.looseObject({
  type: z.literal('bullets'),
  ...sectionBase,
  items: z.array(z.string()).default([]),
});

export const ChartSectionSchema = z.looseObject({
  type: z.literal('chart'),
  ...sectionBase,
  chart: ChartConfigSchema.optional(),
});

/** Maps the seed's synonyms onto the four canonical section shapes before validation. */
function normalizeSection(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const section: Record<string, unknown> = { ...value };
  if (section['type'] === 'summary' || section['type'] === 'paragraph') section['type'] = 'text';
  if (section['type'] === 'list') section['type'] = 'bullets';
  if (section['type'] === 'table' && section['rows'] === undefined && Array.isArray(section['data'])) {
    section['rows'] = section['data'];
  }
  return section;
}

export const SectionSchema = z.preprocess(
  normalizeSection,
  z.discriminatedUnion('type', [TextSectionSchema, TableSectionSchema, BulletsSectionSchema, ChartSectionSchema]),
);
export type Section = z.infer<typeof SectionSchema>;

/** `structure` of the guide: the sections, plus free layout hints (`highlight_numbers`, ...). */
export const StructureSchema = z.looseObject({
  type: z.string().optional(),
  sections: z.array(SectionSchema).optional(),
  highlight_numbers: z.boolean().optional(),
});

/** Lifts top-level `sections` (a common model shortcut) into `structure.sections`. */
function normalizeGuide(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const guide: Record<string, unknown> = { ...value };
  if (guide['sections'] !== undefined) {
    const structure =
      typeof guide['structure'] === 'object' && guide['structure'] !== null
        ? { ...(guide['structure'] as Record<string, unknown>) }
        : {};
    if (structure['sections'] === undefined) structure['sections'] = guide['sections'];
    guide['structure'] = structure;
    delete guide['sections'];
  }
  if (guide['structure'] === undefined) guide['structure'] = {};
  return guide;
}

/** The ResponseFormatGuide. */
export const FormatGuideSchema = z.preprocess(
  normalizeGuide,
  z.object({
    format: FormatTypeSchema,
    structure: StructureSchema,
    styling: StylingSchema.optional(),
    chart_config: ChartConfigSchema.nullable().optional(),
  }),
);
export type FormatGuide = z.infer<typeof FormatGuideSchema>;

/** What the BI agents answer with: `{ answer, format_guide }`. */
export const BiAnswerSchema = z.object({
  answer: z.string(),
  format_guide: FormatGuideSchema,
});
export type BiAnswer = z.infer<typeof BiAnswerSchema>;

/** The guide used when a model's answer carries none (or an invalid one): plain text, no sections. */
export function plainTextGuide(): FormatGuide {
  return { format: 'plain_text', structure: {} };
}

/** The sections of a guide (none when it has only layout hints). */
export function sectionsOf(guide: FormatGuide): Section[] {
  return guide.structure.sections ?? [];
}
