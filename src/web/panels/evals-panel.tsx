import type { ApiClient } from '../api/client.js';
import { type EvalReport, EvalReportSchema } from '../api/schemas.js';
import { useLoad } from '../util/use-load.js';

type Rate = NonNullable<EvalReport['summary']['by_agent']>[string];

function rateOf(value: Rate): number | undefined {
  return typeof value === 'number' ? value : value.pass_rate;
}

function percent(rate: number | undefined): string {
  return rate === undefined ? '—' : `${(rate <= 1 ? rate * 100 : rate).toFixed(0)}%`;
}

function Rates({ title, rates }: { title: string; rates: Record<string, Rate> | undefined }) {
  if (!rates || Object.keys(rates).length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <table class="kv">
        <tbody>
          {Object.entries(rates).map(([name, value]) => {
            const rate = rateOf(value);
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td class="n">{percent(rate)}</td>
                <td class="meter-cell">
                  <span class="meter">
                    <span class="meter-fill" style={{ width: percent(rate) === '—' ? '0%' : percent(rate) }} />
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** The latest eval report (`GET /api/evals/latest`): pass rates by agent and check, failing cases first. */
export function EvalsPanel({ api, version }: { api: ApiClient; version: number }) {
  const report = useLoad(() => api.get('/api/evals/latest', EvalReportSchema), [version]);
  const data = report.data;
  const cases = [...(data?.cases ?? [])].sort((a, b) => Number(a.passed) - Number(b.passed));
  return (
    <div class="panel-body">
      <div class="panel-actions">
        <span>{data && <strong>pass rate {percent(data.summary.pass_rate)}</strong>}</span>
        <button type="button" onClick={report.reload} disabled={report.loading}>
          Refresh
        </button>
      </div>
      {report.error && <p class="error-text">{report.error.message}</p>}
      {data && (
        <>
          <Rates title="By agent" rates={data.summary.by_agent} />
          <Rates title="By check" rates={data.summary.by_check} />
          <h3>Cases ({cases.length})</h3>
          <ul class="cards">
            {cases.map((c) => (
              <li key={c.id} class="card">
                <details>
                  <summary>
                    <span class={`pill ${c.passed ? 'good' : 'bad'}`}>{c.passed ? 'pass' : 'fail'}</span> {c.id}
                    {c.agent && <span class="muted"> · {c.agent}</span>}
                  </summary>
                  <ul>
                    {(c.checks ?? []).map((check) => (
                      <li class={check.passed ? undefined : 'error-text'}>
                        {check.passed ? '✓' : '✗'} {check.kind}
                        {check.detail !== undefined && (
                          <span class="muted">
                            {' '}
                            {typeof check.detail === 'string' ? check.detail : JSON.stringify(check.detail)}
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
