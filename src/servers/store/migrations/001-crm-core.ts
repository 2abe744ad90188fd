/**
 * Migration 001: the core CRM tables. A TypeScript module (not a `.sql` file read at run time) so it
 * survives `tsc` into `dist/`.
 */
export const CRM_CORE_SQL = `-- Core CRM tables. Every row carries tenant_id and every primary key starts with it: nothing can be
-- read across tenants by accident, and per-tenant scans use the primary key index.
-- Timestamps are ISO-8601 UTC text (sortable, readable in the CLI). Money is in BRL.

CREATE TABLE tenants (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  locale      TEXT NOT NULL DEFAULT 'pt-BR',
  currency    TEXT NOT NULL DEFAULT 'BRL',
  created_at  TEXT NOT NULL
);

CREATE TABLE contacts (
  tenant_id       TEXT NOT NULL REFERENCES tenants(id),
  id              TEXT NOT NULL,
  name            TEXT NOT NULL,
  phone           TEXT,
  email           TEXT,
  language        TEXT NOT NULL DEFAULT 'pt-BR',
  company         TEXT,
  status          TEXT NOT NULL DEFAULT 'lead' CHECK (status IN ('lead', 'customer', 'churned')),
  tier            TEXT NOT NULL DEFAULT 'standard' CHECK (tier IN ('standard', 'premium', 'enterprise')),
  lifetime_value  REAL NOT NULL DEFAULT 0,
  customer_since  TEXT,
  tags            TEXT NOT NULL DEFAULT '[]',          -- JSON array of strings
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- Human and AI agents of the CRM (the people and bots who talk to customers).
CREATE TABLE agents (
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  id          TEXT NOT NULL,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('human', 'ai')),
  team        TEXT NOT NULL,                             -- sales, support, retention, operations
  email       TEXT,
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- Conversations in the CRM (not the agent host's own agent_sessions).
CREATE TABLE conversations (
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  id          TEXT NOT NULL,
  contact_id  TEXT NOT NULL,
  agent_id    TEXT,
  channel     TEXT NOT NULL DEFAULT 'whatsapp',
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  summary     TEXT,
  sentiment   REAL,                                      -- -1 .. 1
  started_at  TEXT NOT NULL,
  ended_at    TEXT,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX conversations_by_contact ON conversations (tenant_id, contact_id, started_at);
CREATE INDEX conversations_by_agent ON conversations (tenant_id, agent_id, started_at);

CREATE TABLE messages (
  tenant_id        TEXT NOT NULL REFERENCES tenants(id),
  id               TEXT NOT NULL,
  conversation_id  TEXT NOT NULL,
  contact_id       TEXT NOT NULL,
  agent_id         TEXT,                                 -- who wrote it when from_me = 1
  from_me          INTEGER NOT NULL,                     -- 1: the company wrote it; 0: the customer
  text             TEXT NOT NULL,
  sentiment        REAL,
  created_at       TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX messages_by_contact ON messages (tenant_id, contact_id, created_at);
CREATE INDEX messages_by_agent ON messages (tenant_id, agent_id, created_at);

CREATE TABLE pipeline_stages (
  tenant_id    TEXT NOT NULL REFERENCES tenants(id),
  id           TEXT NOT NULL,                            -- e.g. new, qualified, proposal, negotiation, won, lost
  name         TEXT NOT NULL,
  position     INTEGER NOT NULL,
  probability  REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE campaigns (
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  id          TEXT NOT NULL,
  name        TEXT NOT NULL,
  channel     TEXT NOT NULL,
  budget      REAL NOT NULL DEFAULT 0,
  started_at  TEXT NOT NULL,
  ended_at    TEXT,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE leads (
  tenant_id          TEXT NOT NULL REFERENCES tenants(id),
  id                 TEXT NOT NULL,
  contact_id         TEXT NOT NULL,
  source             TEXT NOT NULL DEFAULT 'whatsapp',
  campaign_id        TEXT,
  stage_id           TEXT NOT NULL DEFAULT 'new',
  status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
  score              INTEGER,                            -- 0..100 (BANT)
  classification     TEXT CHECK (classification IN ('hot', 'warm', 'cold', 'unqualified')),
  bant               TEXT,                               -- JSON {budget, authority, need, timeline}
  assigned_agent_id  TEXT,
  value              REAL NOT NULL DEFAULT 0,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  converted_at       TEXT,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX leads_by_created ON leads (tenant_id, created_at);
CREATE INDEX leads_by_agent ON leads (tenant_id, assigned_agent_id);
CREATE INDEX leads_by_contact ON leads (tenant_id, contact_id);

CREATE TABLE purchases (
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  id            TEXT NOT NULL,
  contact_id    TEXT NOT NULL,
  product       TEXT NOT NULL,
  amount        REAL NOT NULL,
  purchased_at  TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX purchases_by_contact ON purchases (tenant_id, contact_id, purchased_at);

CREATE TABLE offers (
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  id            TEXT NOT NULL,
  contact_id    TEXT NOT NULL,
  discount_pct  REAL NOT NULL CHECK (discount_pct > 0 AND discount_pct <= 30),
  offer_type    TEXT NOT NULL DEFAULT 'discount',
  reason        TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected', 'expired')),
  created_by    TEXT NOT NULL,                           -- agent id or name
  valid_until   TEXT,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX offers_by_contact ON offers (tenant_id, contact_id, created_at);

CREATE TABLE tickets (
  tenant_id      TEXT NOT NULL REFERENCES tenants(id),
  id             TEXT NOT NULL,
  contact_id     TEXT NOT NULL,
  subject        TEXT NOT NULL,
  description    TEXT NOT NULL,
  category       TEXT NOT NULL DEFAULT 'technical',      -- technical, billing, onboarding, complaint
  priority       TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
  severity       INTEGER NOT NULL DEFAULT 5,             -- 1..10
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'escalated', 'resolved')),
  assigned_team  TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX tickets_by_contact ON tickets (tenant_id, contact_id, created_at);

CREATE TABLE escalations (
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  id          TEXT NOT NULL,
  contact_id  TEXT NOT NULL,
  target      TEXT NOT NULL CHECK (target IN ('supervisor', 'engineering', 'billing')),
  reason      TEXT NOT NULL,
  severity    INTEGER NOT NULL,
  ticket_id   TEXT,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'closed')),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE tasks (
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  id          TEXT NOT NULL,
  contact_id  TEXT,
  lead_id     TEXT,
  agent_id    TEXT,
  title       TEXT NOT NULL,
  due_at      TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- Health of the platform's components as support sees it (check_system_status).
CREATE TABLE system_components (
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  component   TEXT NOT NULL,                             -- whatsapp, api, billing, dashboard, ...
  status      TEXT NOT NULL CHECK (status IN ('operational', 'degraded', 'outage', 'maintenance')),
  message     TEXT,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (tenant_id, component)
);
`;
