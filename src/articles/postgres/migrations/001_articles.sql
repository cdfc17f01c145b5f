-- The article store, mirroring the SQLite schema (src/articles/sqlite-store.ts). Times are milliseconds since the
-- epoch from the service's clock, as in SQLite, so both stores answer the same values.
-- Text that is sorted or compared (ids, scope names) uses the "C" collation: byte order, as SQLite's BINARY, so the
-- newest-first order, cursors and scope names are the same on both stores whatever the server's locale.
CREATE TABLE articles (
  id text COLLATE "C" PRIMARY KEY,
  -- The validated record exactly as serialised (its SHA-256 is `version`); text, not jsonb, keeps it byte-for-byte.
  record text NOT NULL,
  version text NOT NULL,
  published_ms bigint NOT NULL,
  modified_ms bigint NOT NULL,
  first_published_at text NOT NULL,
  created_at bigint NOT NULL,
  stored_at bigint NOT NULL,
  -- The tag: URI authority the article was first stored under; kept for good (src/articles/id-authority.ts).
  id_authority text NOT NULL
);
CREATE INDEX articles_newest ON articles (published_ms DESC, id DESC);

CREATE TABLE article_scopes (
  article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind text COLLATE "C" NOT NULL,
  slug text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  PRIMARY KEY (kind, slug, article_id)
);
CREATE INDEX article_scopes_article ON article_scopes (article_id);

-- One row: the revision every cache keys on, the time of the last change and the article count (count(*) would scan
-- the table on every state() refresh). Every write transaction locks this row first, so writes through any instance
-- are serialised and the revision increases by exactly one per change.
CREATE TABLE store_state (
  id smallint PRIMARY KEY CHECK (id = 1),
  revision bigint NOT NULL,
  changed_at bigint,
  article_count bigint NOT NULL
);
INSERT INTO store_state (id, revision, changed_at, article_count) VALUES (1, 0, NULL, 0);

-- Readiness probes write here (a tiny committed write proves the database takes writes) without touching the
-- store_state row that writers queue on.
CREATE TABLE store_probe (
  instance text PRIMARY KEY,
  probed_at bigint NOT NULL
);
