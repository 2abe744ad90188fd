import type { ApiClient } from '../api/client.js';
import { ApiError } from '../api/client.js';
import { SessionSchema } from '../api/schemas.js';
import { prettyJson } from '../util/ids.js';
import { useLoad } from '../util/use-load.js';

function text(value: unknown): string {
  return typeof value === 'string' ? prettyJson(value) : JSON.stringify(value, null, 2);
}

/** The session's state and history as the server keeps them (`GET /api/sessions/:id`). */
export function SessionPanel(props: { api: ApiClient; tenantId: string; sessionId: string; version: number }) {
  const { api, tenantId, sessionId, version } = props;
  const session = useLoad(
    () =>
      api
        .get(`/api/sessions/${encodeURIComponent(sessionId)}?tenant_id=${encodeURIComponent(tenantId)}`, SessionSchema)
        .catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 404) return undefined;
          throw e;
        }),
    [tenantId, sessionId, version],
  );
  const data = session.data;
  return (
    <div class="panel-body session">
      <div class="panel-actions">
        <code class="muted">{sessionId}</code>
        <button type="button" onClick={session.reload} disabled={session.loading}>
          Refresh
        </button>
      </div>
      {session.error && <p class="error-text">{session.error.message}</p>}
      {!data && !session.error && <p class="empty">No session yet: send a message.</p>}
      {data && (
        <>
          <h3>State</h3>
          <table class="kv">
            <tbody>
              {Object.entries(data.state ?? {}).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>
                    <code>{text(v)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>History ({data.history.length})</h3>
          <ol class="history">
            {data.history.map((message, i) => (
              <li key={i} class={`turn role-${message.role}`}>
                <span class="tag">{message.role}</span>
                {message.content.map((part) => {
                  if (part.type === 'text') return <p class="pre">{part.text}</p>;
                  if (part.type === 'tool_use')
                    return (
                      <details>
                        <summary>→ {part.name}</summary>
                        <pre>{text(part.input)}</pre>
                      </details>
                    );
                  if (part.type === 'tool_result')
                    return (
                      <details class={part.is_error ? 'error-text' : undefined}>
                        <summary>← {part.name ?? part.tool_use_id}</summary>
                        <pre>{text(part.content)}</pre>
                      </details>
                    );
                  return <pre>{text(part)}</pre>;
                })}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
