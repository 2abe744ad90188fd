/**
 * Migration 002: long-term memory and the knowledge graph.
 *
 * `memories.seq` is the integer rowid the FTS5 index and the vector table join on; `id` is the public
 * text id. The FTS index is external-content (no second copy of the text) and kept in sync by
 * triggers; `remove_diacritics 2` makes "não" match "nao". Vectors are not created here: their
 * dimension depends on the configured embedder (see `vector-index.ts`).
 */
export const MEMORY_GRAPH_SQL = `
CREATE TABLE memories (
  seq          INTEGER PRIMARY KEY,
  tenant_id    TEXT NOT NULL REFERENCES tenants(id),
  id           TEXT NOT NULL,
  contact_id   TEXT,
  memory_type  TEXT NOT NULL,
  content      TEXT NOT NULL,
  metadata     TEXT NOT NULL DEFAULT '{}',          -- JSON object of scalars
  importance   REAL NOT NULL DEFAULT 0.5,           -- 0..1
  created_at   TEXT NOT NULL,
  embedder_id  TEXT,                                -- id of the embedder of its stored vector; NULL = none yet
  UNIQUE (tenant_id, id)
);
CREATE INDEX memories_by_contact ON memories (tenant_id, contact_id, created_at);
CREATE INDEX memories_by_created ON memories (tenant_id, created_at);
CREATE INDEX memories_by_embedder ON memories (embedder_id);

CREATE VIRTUAL TABLE memories_fts USING fts5(
  content,
  content = 'memories',
  content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
  INSERT INTO memories_fts (rowid, content) VALUES (new.seq, new.content);
END;
CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
  INSERT INTO memories_fts (memories_fts, rowid, content) VALUES ('delete', old.seq, old.content);
END;
CREATE TRIGGER memories_fts_update AFTER UPDATE OF content ON memories BEGIN
  INSERT INTO memories_fts (memories_fts, rowid, content) VALUES ('delete', old.seq, old.content);
  INSERT INTO memories_fts (rowid, content) VALUES (new.seq, new.content);
END;

-- Entities a memory is about (the proto's Memory.related).
CREATE TABLE memory_entities (
  tenant_id     TEXT NOT NULL,
  memory_seq    INTEGER NOT NULL REFERENCES memories(seq) ON DELETE CASCADE,
  entity_type   TEXT NOT NULL,
  entity_id     TEXT NOT NULL,
  relationship  TEXT NOT NULL,
  strength      REAL NOT NULL DEFAULT 1,
  PRIMARY KEY (memory_seq, entity_type, entity_id, relationship)
);
CREATE INDEX memory_entities_by_entity ON memory_entities (tenant_id, entity_type, entity_id);

CREATE TABLE graph_nodes (
  tenant_id   TEXT NOT NULL REFERENCES tenants(id),
  type        TEXT NOT NULL CHECK (type IN ('contact', 'product', 'campaign', 'ticket', 'agent', 'topic', 'offer', 'session')),
  id          TEXT NOT NULL,
  label       TEXT NOT NULL,
  search_text TEXT NOT NULL,                         -- normalised label, for matching query words
  properties  TEXT NOT NULL DEFAULT '{}',            -- JSON object of strings
  created_at  TEXT NOT NULL,
  PRIMARY KEY (tenant_id, type, id)
);

CREATE TABLE graph_edges (
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  from_type     TEXT NOT NULL,
  from_id       TEXT NOT NULL,
  relationship  TEXT NOT NULL,
  to_type       TEXT NOT NULL,
  to_id         TEXT NOT NULL,
  strength      REAL NOT NULL DEFAULT 1 CHECK (strength >= 0 AND strength <= 1),
  created_at    TEXT NOT NULL,
  PRIMARY KEY (tenant_id, from_type, from_id, relationship, to_type, to_id)
);
CREATE INDEX graph_edges_by_target ON graph_edges (tenant_id, to_type, to_id);

-- Facts about the store itself (e.g. which embedder the vectors come from).
CREATE TABLE store_settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
`;
