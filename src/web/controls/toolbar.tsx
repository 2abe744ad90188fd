import type { AgentInfo, Contact, Tenant } from '../api/schemas.js';
import type { Audience } from '../run/send-message.js';
import type { ThemeChoice } from './theme.js';

export interface ToolbarProps {
  agents: AgentInfo[];
  agent: string;
  onAgent: (agent: string) => void;
  audience: Audience;
  onAudience: (audience: Audience) => void;
  /** The server refused `audience` on the stream: customer messages are routed (`/api/agents/message`). */
  customerRoutedOnly: boolean;
  tenants: Tenant[];
  tenantId: string;
  onTenant: (id: string) => void;
  contacts: Contact[] | undefined;
  contactId: string;
  onContact: (id: string) => void;
  contactQuery: string;
  onContactQuery: (q: string) => void;
  onNewChat: () => void;
  theme: ThemeChoice;
  onTheme: () => void;
  model: string | undefined;
}

const THEME_LABEL: Record<ThemeChoice, string> = { auto: 'Theme: auto', light: 'Theme: light', dark: 'Theme: dark' };

/** Who talks to whom: agent, audience, tenant and contact; a new chat; the theme. */
export function Toolbar(p: ToolbarProps) {
  // Customers reach only customer-facing agents (the server enforces it; the list follows).
  const agentChoices = p.audience === 'customer' ? p.agents.filter((a) => a.customer_facing !== false) : p.agents;
  const customerRoutes = p.audience === 'customer' && p.customerRoutedOnly;
  const groups = new Map<string, AgentInfo[]>();
  for (const a of agentChoices) groups.set(a.category ?? 'other', [...(groups.get(a.category ?? 'other') ?? []), a]);
  const contactKnown = p.contacts?.some((c) => c.id === p.contactId) ?? false;
  return (
    <header class="toolbar">
      <div class="brand">
        <strong>Ventros</strong> <span class="muted">playground</span>
        {p.model && <span class={`pill${p.model === 'offline' ? ' warn' : ''}`}>model: {p.model}</span>}
      </div>
      <div class="controls">
        <label>
          <span>Agent</span>
          <select
            value={customerRoutes ? 'auto' : p.agent}
            disabled={customerRoutes}
            title={customerRoutes ? 'customer messages are routed automatically (POST /api/agents/message)' : undefined}
            onChange={(e) => p.onAgent(e.currentTarget.value)}
            data-testid="agent-select"
          >
            <option value="auto">auto (route by message)</option>
            {[...groups].map(([category, list]) => (
              <optgroup label={category} key={category}>
                {list.map((a) => (
                  <option value={a.type} key={a.type} title={a.description}>
                    {a.name === a.type ? a.type : `${a.name} (${a.type})`}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <fieldset class="segmented">
          <legend>As</legend>
          {(['staff', 'customer'] as const).map((a) => (
            <label key={a}>
              <input
                type="radio"
                name="audience"
                value={a}
                checked={p.audience === a}
                onChange={() => p.onAudience(a)}
              />
              <span>{a}</span>
            </label>
          ))}
        </fieldset>
        {p.tenants.length > 0 && (
          <label>
            <span>Tenant</span>
            <select value={p.tenantId} onChange={(e) => p.onTenant(e.currentTarget.value)} data-testid="tenant-select">
              {p.tenants.map((t) => (
                <option value={t.id} key={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {p.contacts && (
          <div class="contact-picker">
            <label>
              <span>Contact</span>
              <select
                value={p.contactId}
                onChange={(e) => p.onContact(e.currentTarget.value)}
                data-testid="contact-select"
              >
                <option value="">— anonymous —</option>
                {!contactKnown && p.contactId && <option value={p.contactId}>{p.contactId}</option>}
                {p.contacts.map((c) => (
                  <option value={c.id} key={c.id}>
                    {c.name}
                    {c.segment ? ` · ${c.segment}` : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span class="sr-only">Search contacts</span>
              <input
                type="search"
                placeholder="search contacts"
                value={p.contactQuery}
                onInput={(e) => p.onContactQuery(e.currentTarget.value)}
              />
            </label>
          </div>
        )}
        <div class="buttons">
          <button type="button" onClick={p.onNewChat} title="a new session">
            New chat
          </button>
          <button
            type="button"
            onClick={p.onTheme}
            aria-label={THEME_LABEL[p.theme]}
            title={THEME_LABEL[p.theme]}
            data-testid="theme-toggle"
          >
            {p.theme === 'dark' ? '☾' : p.theme === 'light' ? '☀' : '◐'}
          </button>
        </div>
      </div>
    </header>
  );
}
