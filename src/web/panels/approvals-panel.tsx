import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import { type Approval, ApprovalSchema, parseList } from '../api/schemas.js';
import { useLoad } from '../util/use-load.js';

function ApprovalCard({ item, api, onDecided }: { item: Approval; api: ApiClient; onDecided: () => void }) {
  const [note, setNote] = useState('');
  const [args, setArgs] = useState(JSON.stringify(item.arguments ?? {}, null, 2));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'reject') => {
    setError(undefined);
    let edited: unknown;
    try {
      edited = JSON.parse(args);
    } catch {
      setError('the arguments are not valid JSON');
      return;
    }
    const changed = JSON.stringify(edited) !== JSON.stringify(item.arguments ?? {});
    setBusy(true);
    try {
      const body = {
        decision,
        ...(changed ? { arguments: edited } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      await api.postRaw(`/api/approvals/${encodeURIComponent(item.id)}`, body);
      onDecided();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="card approval" data-approval-id={item.id}>
      <header>
        <strong>{item.tool}</strong>
        {item.agent && <span class="muted"> by {item.agent}</span>}
        {item.contact_id && <span class="muted"> · {item.contact_id}</span>}
      </header>
      {item.reason && <p>{item.reason}</p>}
      <p class="muted small">
        {item.requested_at && <>requested {new Date(item.requested_at).toLocaleString()}</>}
        {item.expires_at && <> · expires {new Date(item.expires_at).toLocaleString()}</>}
      </p>
      <details>
        <summary>Arguments</summary>
        <label class="stack">
          <span class="sr-only">Arguments (JSON; edit before approving)</span>
          <textarea rows={6} value={args} onInput={(e) => setArgs(e.currentTarget.value)} spellcheck={false} />
        </label>
      </details>
      <label class="stack">
        <span class="small muted">Note</span>
        <input type="text" value={note} onInput={(e) => setNote(e.currentTarget.value)} placeholder="optional" />
      </label>
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => decide('approve')}>
          Approve
        </button>
        <button type="button" class="danger" disabled={busy} onClick={() => decide('reject')}>
          Reject
        </button>
      </div>
      {error && <p class="error-text">{error}</p>}
    </li>
  );
}

/** Gated actions waiting for a person (`GET /api/approvals?status=pending`), approved or rejected here. */
export function ApprovalsPanel({
  api,
  version,
  onChange,
}: {
  api: ApiClient;
  version: number;
  onChange: (pending: number) => void;
}) {
  const list = useLoad(async () => {
    const items = parseList(
      await api.getRaw('/api/approvals?status=pending'),
      ['approvals', 'items', 'entries'],
      ApprovalSchema,
    );
    const pending = items.filter((i) => !i.status || i.status === 'pending');
    onChange(pending.length);
    return pending;
  }, [version]);
  return (
    <div class="panel-body">
      <div class="panel-actions">
        <span class="muted">{list.data ? `${list.data.length} pending` : ''}</span>
        <button type="button" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
      </div>
      {list.error && <p class="error-text">{list.error.message}</p>}
      {list.data?.length === 0 && <p class="empty">Nothing waits for approval.</p>}
      <ul class="cards">
        {list.data?.map((item) => (
          <ApprovalCard key={item.id} item={item} api={api} onDecided={list.reload} />
        ))}
      </ul>
    </div>
  );
}
