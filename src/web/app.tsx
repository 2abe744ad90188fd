import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { captureToken, clearToken, saveToken } from './api/auth.js';
import { ApiError, createApiClient } from './api/client.js';
import { type Features, probeFeatures } from './api/features.js';
import {
  type AgentInfo,
  AgentListSchema,
  type Contact,
  ContactListSchema,
  HealthSchema,
  type Tenant,
  TenantListSchema,
} from './api/schemas.js';
import { Composer } from './chat/composer.js';
import { MessageView } from './chat/message-view.js';
import type { Turn } from './chat/turn.js';
import { useTheme } from './controls/theme.js';
import { TokenGate } from './controls/token-gate.js';
import { Toolbar } from './controls/toolbar.js';
import { ApprovalsPanel } from './panels/approvals-panel.js';
import { DlqPanel } from './panels/dlq-panel.js';
import { EvalsPanel } from './panels/evals-panel.js';
import { RunPanel } from './panels/run-panel.js';
import { SessionPanel } from './panels/session-panel.js';
import { AnswerText } from './run/answer-text.js';
import { RunTreeBuilder } from './run/run-tree.js';
import { type Audience, sendMessage } from './run/send-message.js';
import { newId } from './util/ids.js';

type Tab = 'run' | 'session' | 'approvals' | 'evals' | 'dlq';
const TAB_LABEL: Record<Tab, string> = {
  run: 'Run',
  session: 'Session',
  approvals: 'Approvals',
  evals: 'Evals',
  dlq: 'DLQ',
};

/** The playground: chat on the left, the run and the operator panels on the right (one at a time on a phone). */
export function App() {
  const tokenRef = useRef(captureToken());
  const [auth, setAuth] = useState<'ok' | 'needed' | 'refused'>('ok');
  const [authVersion, setAuthVersion] = useState(0);
  const api = useMemo(
    () =>
      createApiClient(
        () => tokenRef.current,
        () => {
          // A refused token is forgotten, so a reload asks again instead of failing again.
          if (tokenRef.current) clearToken();
          setAuth(tokenRef.current ? 'refused' : 'needed');
        },
      ),
    [],
  );
  const theme = useTheme();
  const [, redraw] = useReducer((n: number) => n + 1, 0);

  const [loadError, setLoadError] = useState<string>();
  const [model, setModel] = useState<string>();
  const [agents, setAgents] = useState<AgentInfo[]>([]);
  const [features, setFeatures] = useState<Features>();
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [tenantId, setTenantId] = useState('');
  const [contacts, setContacts] = useState<Contact[]>();
  const [contactId, setContactId] = useState('');
  const [contactQuery, setContactQuery] = useState('');
  const [agent, setAgent] = useState('auto');
  const [audience, setAudience] = useState<Audience>('staff');
  const [sessionId, setSessionId] = useState(newId);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [selected, setSelected] = useState<string>();
  const [tab, setTab] = useState<Tab>('run');
  const [view, setView] = useState<'chat' | 'side'>('chat');
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const [pending, setPending] = useState(0);
  const abort = useRef<AbortController | undefined>(undefined);
  const list = useRef<HTMLOListElement>(null);

  const [audienceAccepted, setAudienceAccepted] = useState<boolean | undefined>(undefined);
  const customerRoutedOnly = audience === 'customer' && audienceAccepted === false;
  const chosen = agents.find((a) => a.type === agent);
  // A staff-only agent picked before switching to customer falls back to routing.
  const effectiveAgent =
    customerRoutedOnly || (audience === 'customer' && chosen?.customer_facing === false) ? 'auto' : agent;

  useEffect(() => {
    api
      .get('/health', HealthSchema)
      .then((h) => setModel(h.model))
      .catch(() => undefined);
  }, [api]);

  useEffect(() => {
    setLoadError(undefined);
    api
      .get('/api/agents', AgentListSchema)
      .then(async (list) => {
        setAgents(list.agents);
        setAuth('ok');
        const found = await probeFeatures(api);
        setFeatures(found);
        if (found.tenants) {
          const t = await api.get('/api/tenants', TenantListSchema);
          setTenants(t.tenants);
          setTenantId((current) => current || t.default_tenant_id || t.tenants[0]?.id || '');
        }
      })
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 401)) setLoadError(e instanceof Error ? e.message : String(e));
      });
  }, [api, authVersion]);

  useEffect(() => {
    if (!features?.contacts) return;
    let live = true;
    const timer = setTimeout(() => {
      const q = new URLSearchParams({
        limit: '50',
        ...(tenantId ? { tenant_id: tenantId } : {}),
        ...(contactQuery.trim() ? { q: contactQuery.trim() } : {}),
      });
      api
        .get(`/api/contacts?${q}`, ContactListSchema)
        .then((c) => live && setContacts(c.contacts))
        .catch(() => live && setContacts([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, features, tenantId, contactQuery]);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  });

  const newChat = () => {
    abort.current?.abort();
    setTurns([]);
    setSelected(undefined);
    setSessionId(newId());
  };

  const send = async (message: string) => {
    const controller = new AbortController();
    abort.current = controller;
    const asked = effectiveAgent;
    const user: Turn = { id: newId(), role: 'user', text: message, agent: asked, audience, streaming: false };
    const turn: Turn = {
      id: newId(),
      role: 'assistant',
      text: '',
      agent: asked,
      audience,
      streaming: true,
      run: new RunTreeBuilder(),
    };
    const run = turn.run as RunTreeBuilder;
    setTurns((t) => [...t, user, turn]);
    setSelected(turn.id);
    setBusy(true);
    const answer = new AnswerText();
    try {
      const result = await sendMessage(
        {
          agent: asked,
          audience,
          audienceAccepted,
          onAudienceRefused: () => setAudienceAccepted(false),
          message,
          tenantId,
          ...(contactId ? { contactId } : {}),
          sessionId,
          signal: controller.signal,
        },
        api,
        run,
        answer,
        () => {
          turn.text = answer.current();
          redraw(0);
        },
      );
      if (result) {
        turn.result = result;
        turn.text = result.response;
      } else {
        const errors = run.snapshot().roots.flatMap(function collect(n): string[] {
          return [...(n.kind === 'error' && n.text ? [n.text] : []), ...n.children.flatMap(collect)];
        });
        turn.error = errors.at(-1) ?? 'the run ended without an answer';
        if (!run.snapshot().done) run.fail(turn.error);
      }
    } catch (e) {
      const message = controller.signal.aborted ? 'stopped' : e instanceof Error ? e.message : String(e);
      turn.error = message;
      run.fail(message);
    } finally {
      turn.streaming = false;
      abort.current = undefined;
      setBusy(false);
      setVersion((v) => v + 1);
      redraw(0);
    }
  };

  const tabs: Tab[] = ['run'];
  if (features?.sessions) tabs.push('session');
  if (features?.approvals) tabs.push('approvals');
  if (features?.evals) tabs.push('evals');
  if (features?.dlq) tabs.push('dlq');
  const current = tabs.includes(tab) ? tab : 'run';
  const shownTurn = turns.find((t) => t.id === selected) ?? turns.filter((t) => t.role === 'assistant').at(-1);
  const openTab = (t: Tab) => {
    setTab(t);
    setView('side');
  };

  if (auth !== 'ok') {
    return (
      <TokenGate
        refused={auth === 'refused'}
        onToken={(token) => {
          saveToken(token);
          tokenRef.current = token;
          setAuth('ok');
          setAuthVersion((v) => v + 1);
        }}
      />
    );
  }

  return (
    <div class="app" data-view={view}>
      <Toolbar
        agents={agents}
        agent={effectiveAgent}
        onAgent={setAgent}
        audience={audience}
        onAudience={setAudience}
        customerRoutedOnly={customerRoutedOnly}
        tenants={tenants}
        tenantId={tenantId}
        onTenant={(id) => {
          setTenantId(id);
          setContactId('');
          newChat();
        }}
        contacts={contacts}
        contactId={contactId}
        onContact={(id) => {
          setContactId(id);
          newChat();
        }}
        contactQuery={contactQuery}
        onContactQuery={setContactQuery}
        onNewChat={newChat}
        theme={theme.choice}
        onTheme={theme.cycle}
        model={model}
      />
      <div class="tabs" role="tablist" aria-label="views">
        <button
          type="button"
          role="tab"
          class="only-narrow"
          aria-selected={view === 'chat'}
          onClick={() => setView('chat')}
        >
          Chat
        </button>
        {tabs.map((t) => (
          <button
            type="button"
            role="tab"
            key={t}
            aria-selected={current === t}
            data-tab={t}
            onClick={() => openTab(t)}
          >
            {TAB_LABEL[t]}
            {t === 'approvals' && pending > 0 && <span class="badge">{pending}</span>}
          </button>
        ))}
      </div>
      <main class="layout">
        <section class="chat" aria-label="chat">
          {loadError && <p class="error-text banner">Could not reach the API: {loadError}</p>}
          {turns.length === 0 && (
            <div class="welcome">
              <h1>Talk to an agent</h1>
              <p>
                Pick <strong>auto</strong> to let the router choose, or any agent; talk as staff or as a customer. The
                run (routing, delegations, model and tool calls) shows beside the answer.
              </p>
              <p class="muted small">Enter sends · Shift+Enter new line · Esc stops</p>
            </div>
          )}
          <ol class="messages" ref={list} aria-live="polite">
            {turns.map((t) => (
              <MessageView
                key={t.id}
                turn={t}
                theme={theme.effective}
                selected={t.id === shownTurn?.id}
                onShowRun={() => {
                  setSelected(t.id);
                  openTab('run');
                }}
                onShowApprovals={features?.approvals ? () => openTab('approvals') : undefined}
              />
            ))}
          </ol>
          <Composer
            busy={busy}
            onSend={send}
            onStop={() => abort.current?.abort()}
            placeholder={`Message ${effectiveAgent} as ${audience}…`}
          />
        </section>
        <aside class="side" aria-label={TAB_LABEL[current]}>
          {current === 'run' && <RunPanel run={shownTurn?.run?.snapshot()} />}
          {current === 'session' && (
            <SessionPanel api={api} tenantId={tenantId} sessionId={sessionId} version={version} />
          )}
          {current === 'approvals' && <ApprovalsPanel api={api} version={version} onChange={setPending} />}
          {current === 'evals' && <EvalsPanel api={api} version={version} />}
          {current === 'dlq' && <DlqPanel api={api} version={version} />}
        </aside>
      </main>
    </div>
  );
}
