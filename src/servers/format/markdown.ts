/** A table cell: what a model puts in a table. */
export type Cell = string | number | boolean | null;

/** Escapes what would break a Markdown table cell (pipes and line breaks). */
function cellText(cell: Cell): string {
  if (cell === null) return '';
  return String(cell).replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
}

/**
 * A GitHub-flavoured Markdown table. Short rows are padded with empty cells, long rows are cut to the
 * header's width, so the output is always a well-formed table.
 */
export function markdownTable(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const width = columns.length;
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const out = [line(columns.map((c) => cellText(c))), line(columns.map(() => '---'))];
  for (const row of rows) {
    const cells: string[] = [];
    for (let i = 0; i < width; i++) cells.push(cellText(row[i] ?? null));
    out.push(line(cells));
  }
  return out.join('\n');
}
