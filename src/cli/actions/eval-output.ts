import type { EvalProgress, EvalReport, Regression, ReportComparison } from '../../agents/evaluation/index.js';

const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/**
 * Progress on stderr: a bar redrawn in place on a terminal, one plain line per case otherwise (CI
 * logs). Returns the callback and `end()`, which finishes the bar's line.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): {
  onProgress: (p: EvalProgress) => void;
  end: () => void;
} {
  const tty = stream.isTTY === true;
  let drawn = false;
  return {
    onProgress(p) {
      const verdict = p.passed ? 'pass' : 'FAIL';
      const repeat = p.repeat > 0 ? ` #${p.repeat + 1}` : '';
      if (!tty) {
        const width = String(p.total).length;
        stream.write(
          `[${String(p.done).padStart(width)}/${p.total}] ${verdict} ${p.id}${repeat} (${p.agent || 'no answer'})\n`,
        );
        return;
      }
      const columns = Math.max(40, stream.columns ?? 80);
      const barWidth = Math.min(30, Math.max(10, columns - 50));
      const filled = Math.round((p.done / p.total) * barWidth);
      const line = `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${p.done}/${p.total} ${verdict} ${p.id}${repeat}`;
      stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}

type Row = [string, number, number, number];

function table(header: [string, string, string, string], rows: Row[], total?: Row): string[] {
  const width = Math.max(header[0].length, ...rows.map((r) => r[0].length)) + 2;
  const line = (a: string, b: string, c: string, d: string) =>
    `  ${a.padEnd(width)}${b.padStart(7)}${c.padStart(8)}${d.padStart(8)}`;
  const row = ([name, count, passed, rate]: Row) => line(name, String(count), String(passed), pct(rate));
  return [line(...header), ...rows.map(row), ...(total ? [row(total)] : [])];
}

/** The terminal summary: pass rate (and spread), a table per agent and per check kind, failing cases. */
export function summaryText(report: EvalReport, options: { failures?: number } = {}): string {
  const { summary } = report;
  const lines: string[] = [];
  const spread = summary.repeat
    ? ` — ${summary.repeat.runs} runs: mean ${pct(summary.repeat.mean)}, min ${pct(summary.repeat.min)}, max ${pct(summary.repeat.max)}, stddev ${pct(summary.repeat.stddev)}`
    : '';
  lines.push(
    `Eval: ${summary.passed}/${summary.cases} cases passed (${pct(summary.pass_rate)}) on ${summary.model}${
      summary.judge ? `, judge ${summary.judge}` : ''
    } in ${(summary.duration_ms / 1000).toFixed(1)} s${spread}`,
    '',
  );
  const agents = Object.entries(summary.by_agent).map(([name, r]): Row => [name, r.cases, r.passed, r.pass_rate]);
  lines.push(
    ...table(['agent', 'cases', 'passed', 'rate'], agents, ['all', summary.cases, summary.passed, summary.pass_rate]),
    '',
  );
  const checks = Object.entries(summary.by_check).map(([name, r]): Row => [name, r.checks, r.passed, r.pass_rate]);
  lines.push(...table(['check', 'checks', 'passed', 'rate'], checks), '');
  const failing = report.cases.filter((c) => !c.passed);
  const shown = failing.slice(0, options.failures ?? 15);
  if (shown.length > 0) {
    lines.push(`Failing cases (${failing.length}${failing.length > shown.length ? `, first ${shown.length}` : ''}):`);
    for (const c of shown) {
      const first = c.checks.find((k) => !k.passed);
      lines.push(
        `  ✗ ${c.id}${c.repeat > 0 ? ` #${c.repeat + 1}` : ''} — ${first ? `${first.kind}: ${first.detail}` : ''}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The changes between two reports, one line per case. */
export function comparisonText(comparison: ReportComparison, oldName: string): string {
  const lines = [
    `Compared with ${oldName}: pass rate ${pct(comparison.pass_rate.before)} → ${pct(comparison.pass_rate.after)}, ${comparison.changed.length} case(s) changed`,
  ];
  for (const c of comparison.changed) {
    const what = c.changes.map((x) => `${x.what} ${x.before} → ${x.after}`).join('; ');
    lines.push(`  ${c.id}${c.repeat > 0 ? ` #${c.repeat + 1}` : ''}: ${what}`);
  }
  if (comparison.added.length > 0) lines.push(`  new cases: ${comparison.added.join(', ')}`);
  if (comparison.removed.length > 0) lines.push(`  gone cases: ${comparison.removed.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** The baseline floors a report broke. */
export function regressionText(regressions: readonly Regression[]): string {
  return `${regressions
    .map((r) => `  ${r.scope === 'overall' ? 'overall' : r.name}: ${pct(r.rate)} < floor ${pct(r.floor)}`)
    .join('\n')}\n`;
}
