import type { Cell, ChartConfig, FormatGuide, Section } from './format-guide.js';
import { sectionsOf } from './format-guide.js';

/** What a guide can be rendered to (a `json` guide is the answer itself; render it as markdown or text). */
export type RenderTarget = 'markdown' | 'html' | 'plain_text';

type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'table'; columns: string[]; rows: Cell[][] }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'chart'; chart: ChartConfig };

/**
 * Lays the answer out as blocks. A text section without `content` is a slot for the answer; when the
 * guide has no such slot and no section repeats the answer, the answer goes first. Empty tables and
 * bullet lists are left out rather than rendered as empty frames.
 */
function toBlocks(answer: string, guide: FormatGuide): Block[] {
  const sections = sectionsOf(guide);
  const blocks: Block[] = [];
  let answerPlaced = sections.some((s) => s.type === 'text' && s.content?.trim() === answer.trim());
  for (const section of sections) {
    const body = sectionBlock(section, answerPlaced ? undefined : answer);
    if (!body) continue;
    if (section.type === 'text' && section.content === undefined) answerPlaced = true;
    if (section.title) blocks.push({ kind: 'heading', text: section.title });
    blocks.push(body);
  }
  if (!answerPlaced && answer.trim()) blocks.unshift({ kind: 'text', text: answer.trim() });
  if (guide.chart_config && !sections.some((s) => s.type === 'chart')) {
    blocks.push({ kind: 'chart', chart: guide.chart_config });
  }
  return blocks;
}

function sectionBlock(section: Section, answerSlot: string | undefined): Block | undefined {
  switch (section.type) {
    case 'text': {
      const text = section.content ?? answerSlot;
      return text?.trim() ? { kind: 'text', text: text.trim() } : undefined;
    }
    case 'table':
      return section.columns.length > 0 || section.rows.length > 0
        ? { kind: 'table', columns: section.columns, rows: section.rows }
        : undefined;
    case 'bullets':
      return section.items.length > 0 ? { kind: 'bullets', items: section.items } : undefined;
    case 'chart':
      return section.chart ? { kind: 'chart', chart: section.chart } : undefined;
  }
}

function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return String(cell).replace(/\s*\n\s*/g, ' ');
}

function chartCaption(chart: ChartConfig): string {
  const axes = [chart.x_axis ?? chart.x_column, chart.y_axis ?? chart.y_column].filter(Boolean).join(' × ');
  return [`Gráfico (${chart.type})`, chart.title, axes].filter(Boolean).join(' — ');
}

// ---------------------------------------------------------------- markdown

function markdownBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `## ${block.text}`;
    case 'text':
      return block.text;
    case 'bullets':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'chart':
      return `> ${chartCaption(block.chart)}`;
    case 'table': {
      const width = Math.max(block.columns.length, ...block.rows.map((r) => r.length));
      const line = (cells: string[]) =>
        `| ${Array.from({ length: width }, (_, i) => (cells[i] ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
      return [
        line(block.columns),
        line(Array.from({ length: width }, () => '---')),
        ...block.rows.map((row) => line(row.map(cellText))),
      ].join('\n');
    }
  }
}

// ---------------------------------------------------------------- html

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Escaped text with the one piece of markdown models always use, `**bold**`, kept as <strong>. */
function inlineHtml(text: string): string {
  return escapeHtml(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'text':
      return block.text
        .split(/\n{2,}/)
        .map((p) => `<p>${p.split('\n').map(inlineHtml).join('<br>')}</p>`)
        .join('\n');
    case 'bullets':
      return `<ul>\n${block.items.map((i) => `  <li>${inlineHtml(i)}</li>`).join('\n')}\n</ul>`;
    case 'chart':
      return `<figure class="chart" data-chart-type="${escapeHtml(block.chart.type)}" data-chart="${escapeHtml(
        JSON.stringify(block.chart),
      )}"><figcaption>${escapeHtml(chartCaption(block.chart))}</figcaption></figure>`;
    case 'table': {
      const head = block.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
      const body = block.rows
        .map((row) => `    <tr>${row.map((c) => `<td>${escapeHtml(cellText(c))}</td>`).join('')}</tr>`)
        .join('\n');
      return `<table>\n  <thead><tr>${head}</tr></thead>\n  <tbody>\n${body}\n  </tbody>\n</table>`;
    }
  }
}

// ---------------------------------------------------------------- plain text

/** Display width in code points (good enough for PT-BR accents, which are one code point when NFC). */
function width(text: string): number {
  return [...text.normalize('NFC')].length;
}

function stripMarkdown(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/__(.+?)__/g, '$1');
}

/** A table with every column padded to its widest cell; numbers right-aligned. */
function plainTable(columns: string[], rows: Cell[][]): string {
  const count = Math.max(columns.length, ...rows.map((r) => r.length));
  const header = Array.from({ length: count }, (_, i) => columns[i] ?? '');
  const body = rows.map((row) => Array.from({ length: count }, (_, i) => cellText(row[i])));
  const numeric = Array.from({ length: count }, (_, i) =>
    rows.every((row) => row[i] === undefined || row[i] === null || typeof row[i] === 'number'),
  );
  const widths = Array.from({ length: count }, (_, i) =>
    Math.max(width(header[i] ?? ''), ...body.map((r) => width(r[i] ?? ''))),
  );
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat((widths[i] ?? 0) - width(text));
    return numeric[i] ? fill + text : text + fill;
  };
  const line = (cells: string[]) => cells.map(pad).join(' | ').replace(/\s+$/, '');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line)].join('\n');
}

function plainBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${block.text}\n${'-'.repeat(width(block.text))}`;
    case 'text':
      return stripMarkdown(block.text);
    case 'bullets':
      return block.items.map((item) => `• ${stripMarkdown(item)}`).join('\n');
    case 'chart':
      return `[${chartCaption(block.chart)}]`;
    case 'table':
      return plainTable(block.columns, block.rows);
  }
}

/**
 * Renders an answer with its format guide for a channel: markdown (web, WhatsApp-ish), HTML (escaped,
 * safe to embed), or plain text (tables aligned in columns).
 *
 * @example
 * renderFormatGuide('Resumo', { format: 'markdown', structure: { sections: [
 *   { type: 'table', title: 'Leads', columns: ['Canal', 'Leads'], rows: [['WhatsApp', 30]] }] } }, 'plain_text')
 */
export function renderFormatGuide(answer: string, guide: FormatGuide, target: RenderTarget): string {
  const blocks = toBlocks(answer, guide);
  const render = target === 'html' ? htmlBlock : target === 'plain_text' ? plainBlock : markdownBlock;
  return blocks.map(render).join(target === 'html' ? '\n' : '\n\n');
}
