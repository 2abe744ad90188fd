import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import { DlqEntrySchema, parseList } from '../api/schemas.js';
import { useLoad } from '../util/use-load.js';

/** Deliveries that failed for good (`GET /api/dlq`), each with a reprocess button. */
export function DlqPanel({ api, version }: { api: ApiClient; version: number }) {
  const list = useLoad(
    async () => parseList(await api.getRaw('/api/dlq'), ['entries', 'items'], DlqEntrySchema),
    [version],
  );
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<string>();
  const reprocess = async (id: string) => {
    setBusy(id);
    setMessage(undefined);
    try {
      await api.postRaw(`/api/dlq/${encodeURIComponent(id)}/reprocess`, {});
      setMessage(`${id} sent back for processing`);
      list.reload();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div class="panel-body">
      <div class="panel-actions">
        <span class="muted">{list.data ? `${list.data.length} dead-lettered` : ''}</span>
        <button type="button" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
      </div>
      {message && <p class="note">{message}</p>}
      {list.error && <p class="error-text">{list.error.message}</p>}
      {list.data?.length === 0 && <p class="empty">The dead-letter queue is empty.</p>}
      <ul class="cards">
        {list.data?.map((entry) => (
          <li key={entry.id} class="card">
            <header>
              <strong>{entry.event_type ?? 'event'}</strong> <span class="pill bad">{entry.error_type ?? 'error'}</span>
            </header>
            {entry.error && <p class="error-text">{entry.error}</p>}
            <p class="muted small">
              {entry.id}
              {entry.occurred_at && <> · {new Date(entry.occurred_at).toLocaleString()}</>}
            </p>
            <details>
              <summary>Payload</summary>
              <pre>{JSON.stringify(entry.payload, null, 2)}</pre>
            </details>
            <div class="actions">
              <button type="button" disabled={busy === entry.id} onClick={() => reprocess(entry.id)}>
                Reprocess
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
