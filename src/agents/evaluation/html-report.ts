import type { EvalReport, ReportCase } from './eval-report.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2330;background:#fafbfc}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:2rem 0 .5rem}
.meta{color:#5b6475}.big{font-size:2.4rem;font-weight:700}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #e3e6eb}
th,td{padding:.35rem .6rem;border-bottom:1px solid #eef0f3;text-align:left;vertical-align:top}
th{background:#f3f5f8;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{position:relative;height:.7rem;background:#eceff3;border-radius:3px;min-width:120px}
.bar span{position:absolute;left:0;top:0;bottom:0;border-radius:3px;background:#2e9d5b}
.bar.low span{background:#d9822b}.bar.bad span{background:#d64545}
details{background:#fff;border:1px solid #e3e6eb;border-radius:4px;margin:.35rem 0;padding:.35rem .7rem}
summary{cursor:pointer}.pass{color:#1f7a45}.fail{color:#c23030}.tag{font-size:.75rem;background:#eef1f6;border-radius:3px;padding:0 .3rem;margin-left:.25rem;color:#4a5568}
.turn{border-left:3px solid #dfe3ea;margin:.5rem 0;padding:.2rem .7rem}.msg{font-weight:600}
.resp{white-space:pre-wrap;margin:.2rem 0}.tools{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;color:#4a5568}
ul.checks{margin:.3rem 0;padding-left:1.2rem}`;

function bar(rate: number): string {
  const cls = rate >= 0.8 ? '' : rate >= 0.5 ? ' low' : ' bad';
  return `<div class="bar${cls}"><span style="width:${(rate * 100).toFixed(1)}%"></span></div>`;
}

function rateTable(title: string, unit: string, rows: Array<[string, number, number, number]>): string {
  const body = rows
    .map(
      ([name, total, passed, rate]) =>
        `<tr><td>${escapeHtml(name)}</td><td class="n">${total}</td><td class="n">${passed}</td><td class="n">${percent(rate)}</td><td>${bar(rate)}</td></tr>`,
    )
    .join('');
  return `<h2>${escapeHtml(title)}</h2><table><tr><th>${escapeHtml(title.split(' ').at(-1) ?? '')}</th><th>${unit}</th><th>passed</th><th>rate</th><th></th></tr>${body}</table>`;
}

function caseHtml(c: ReportCase): string {
  const checks = c.checks
    .map(
      (k) =>
        `<li class="${k.passed ? 'pass' : 'fail'}">${k.passed ? '✓' : '✗'} <b>${escapeHtml(k.kind)}</b> — ${escapeHtml(k.detail)}</li>`,
    )
    .join('');
  const turns = c.turns
    .map((t) => {
      const tools = t.tool_calls
        .map(
          (call) =>
            `${escapeHtml(call.tool_name)}(${escapeHtml(JSON.stringify(call.input))})${call.is_error ? ' ⚠' : ''}`,
        )
        .join('<br>');
      return `<div class="turn"><div class="msg">${escapeHtml(t.message)}</div>
<div class="resp">${t.error ? `<span class="fail">${escapeHtml(t.error)}</span>` : escapeHtml(t.response)}</div>
<div class="meta">→ ${escapeHtml(t.agent_used || '—')}</div>${tools ? `<div class="tools">${tools}</div>` : ''}</div>`;
    })
    .join('');
  const tags = c.tags.map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join('');
  const repeat = c.repeat > 0 ? ` #${c.repeat + 1}` : '';
  return `<details><summary><span class="${c.passed ? 'pass' : 'fail'}">${c.passed ? '✓' : '✗'}</span> <b>${escapeHtml(c.id)}</b>${repeat} — ${escapeHtml(c.agent || 'no answer')} <span class="meta">(expected ${escapeHtml(c.expected_agents.join(' / ') || 'any')})</span>${tags}</summary>
<p class="meta">${escapeHtml(c.description)} · ${escapeHtml(c.tenant)} · ${escapeHtml(c.audience)}${c.simulated ? ' · simulated' : ''} · ${c.duration_ms} ms</p>
<ul class="checks">${checks}</ul>${turns}</details>`;
}

/**
 * The report as one self-contained HTML page: inline CSS, no scripts, no external requests. Failing
 * cases first, each expandable to its checks and turns.
 */
export function renderHtmlReport(report: EvalReport): string {
  const { summary } = report;
  const spread = summary.repeat
    ? `<p class="meta">${summary.repeat.runs} runs: mean ${percent(summary.repeat.mean)}, min ${percent(summary.repeat.min)}, max ${percent(summary.repeat.max)}, σ ${percent(summary.repeat.stddev)}</p>`
    : '';
  const agents = rateTable(
    'Pass rate by agent',
    'cases',
    Object.entries(summary.by_agent).map(([name, r]) => [name, r.cases, r.passed, r.pass_rate]),
  );
  const checks = rateTable(
    'Pass rate by check',
    'checks',
    Object.entries(summary.by_check).map(([name, r]) => [name, r.checks, r.passed, r.pass_rate]),
  );
  const ordered = [...report.cases].sort((a, b) => Number(a.passed) - Number(b.passed));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Ventros eval — ${percent(summary.pass_rate)}</title><style>${CSS}</style></head>
<body><h1>Ventros agents eval</h1>
<p class="meta">model ${escapeHtml(summary.model)}${summary.judge ? ` · judge ${escapeHtml(summary.judge)}` : ''} · ${escapeHtml(summary.started_at)} · ${(summary.duration_ms / 1000).toFixed(1)} s</p>
<p><span class="big">${percent(summary.pass_rate)}</span> <span class="meta">${summary.passed} of ${summary.cases} cases passed</span></p>${spread}
${agents}${checks}
<h2>Cases</h2>${ordered.map(caseHtml).join('\n')}
</body></html>
`;
}
