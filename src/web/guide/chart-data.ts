import type { Cell, ChartConfig, TableSection } from './guide-model.js';

export type ChartKind = 'bar' | 'line' | 'pie' | 'doughnut' | 'radar' | 'polarArea';

/** What Chart.js draws: labels and one or more numeric series. */
export interface ChartSpec {
  kind: ChartKind;
  title?: string;
  labels: string[];
  series: Array<{ label: string; data: number[] }>;
}

const KINDS: Record<string, ChartKind> = {
  bar: 'bar',
  column: 'bar',
  histogram: 'bar',
  line: 'line',
  area: 'line',
  pie: 'pie',
  doughnut: 'doughnut',
  donut: 'doughnut',
  radar: 'radar',
  spider: 'radar',
  polar: 'polarArea',
  polararea: 'polarArea',
};

/** A cell as a number: numbers, and text like `12.5`, `1,234.5`, `1.234,5` (pt-BR), `45%`, `R$ 1.200`. */
export function toNumber(cell: Cell | undefined): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== 'string') return undefined;
  const text = cell.replace(/[\s%]|R\$|US\$|\$|€/g, '');
  if (text === '') return undefined;
  let normalized = text;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text) || /^-?\d+,\d+$/.test(text)) {
    normalized = text.replace(/\./g, '').replace(',', '.');
  } else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
    normalized = text.replace(/,/g, '');
  }
  const n = Number(normalized);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The chart a guide's `chart_config` asks for, drawn from its tables: the table holding the config's
 * x column (else the first with two columns), labels from that column, one series per numeric column
 * (only the y column when the config names one). `undefined` when there is nothing numeric to draw.
 */
export function chartSpecOf(config: ChartConfig, tables: readonly TableSection[]): ChartSpec | undefined {
  const x = config.x_axis ?? config.x_column;
  const y = config.y_axis ?? config.y_column;
  const table =
    (x ? tables.find((t) => t.columns.includes(x)) : undefined) ?? tables.find((t) => t.columns.length >= 2);
  if (!table || table.rows.length === 0) return undefined;
  const labelColumn = x && table.columns.includes(x) ? table.columns.indexOf(x) : 0;
  const numeric = (i: number) =>
    i !== labelColumn && table.rows.filter((r) => toNumber(r[i]) !== undefined).length * 2 >= table.rows.length;
  const named = y ? table.columns.indexOf(y) : -1;
  const valueColumns = named >= 0 && numeric(named) ? [named] : table.columns.map((_, i) => i).filter(numeric);
  if (valueColumns.length === 0) return undefined;
  return {
    kind: KINDS[config.type.toLowerCase().replace(/[\s_-]/g, '')] ?? 'bar',
    ...(config.title ? { title: config.title } : {}),
    labels: table.rows.map((r) => String(r[labelColumn] ?? '')),
    series: valueColumns.map((i) => ({
      label: table.columns[i] ?? '',
      data: table.rows.map((r) => toNumber(r[i]) ?? 0),
    })),
  };
}
