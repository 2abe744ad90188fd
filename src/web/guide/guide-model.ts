import { z } from 'zod/mini';

// The ResponseFormatGuide as the server sends it (already normalized by its FormatGuideSchema).

const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Cell = z.infer<typeof CellSchema>;

export const ChartConfigSchema = z.looseObject({
  type: z.string(),
  title: z.optional(z.string()),
  x_axis: z.optional(z.string()),
  y_axis: z.optional(z.string()),
  x_column: z.optional(z.string()),
  y_column: z.optional(z.string()),
  dimensions: z.optional(z.array(z.string())),
});
export type ChartConfig = z.infer<typeof ChartConfigSchema>;

export const SectionSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text'), title: z.optional(z.string()), content: z.optional(z.string()) }),
  z.looseObject({
    type: z.literal('table'),
    title: z.optional(z.string()),
    columns: z.array(z.string()),
    rows: z.array(z.array(CellSchema)),
  }),
  z.looseObject({ type: z.literal('bullets'), title: z.optional(z.string()), items: z.array(z.string()) }),
  z.looseObject({ type: z.literal('chart'), title: z.optional(z.string()), chart: z.optional(ChartConfigSchema) }),
]);
export type Section = z.infer<typeof SectionSchema>;
export type TableSection = Extract<Section, { type: 'table' }>;

const GuideSchema = z.looseObject({
  format: z.optional(z.string()),
  structure: z.optional(
    z.looseObject({ sections: z.optional(z.array(z.unknown())), highlight_numbers: z.optional(z.boolean()) }),
  ),
  chart_config: z.optional(z.nullable(z.unknown())),
});

export interface Guide {
  format: string;
  sections: Section[];
  chart?: ChartConfig;
  highlightNumbers: boolean;
}

/** The guide's parts the playground draws; sections it cannot read are left out. */
export function readGuide(value: unknown): Guide | undefined {
  const parsed = GuideSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const sections = (parsed.data.structure?.sections ?? []).flatMap((s) => {
    const section = SectionSchema.safeParse(s);
    return section.success ? [section.data] : [];
  });
  const chart = ChartConfigSchema.safeParse(parsed.data.chart_config);
  return {
    format: parsed.data.format ?? 'plain_text',
    sections,
    ...(chart.success ? { chart: chart.data } : {}),
    highlightNumbers: parsed.data.structure?.highlight_numbers === true,
  };
}
