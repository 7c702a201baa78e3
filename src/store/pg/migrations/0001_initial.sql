-- gov-desk schema 1: everything a desk needs, so that a desk needs no shared folder.
-- Applied by `gov-desk db migrate` inside one transaction, under an advisory lock. Never edit an
-- applied migration (its SHA-256 is recorded); add 0002_*.sql instead.
-- Schema and table owner: the role that runs the migration (the owner role of docs/multi-desk.md).

-- The commune profile (config.json today): one row.
CREATE TABLE gov_desk.commune_profile (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  profile jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);

-- Procedure and calendar overrides (the home's procedures/ and calendar/ folders today).
CREATE TABLE gov_desk.overrides (
  kind text NOT NULL CHECK (kind IN ('procedure', 'calendar')),
  name text NOT NULL,
  content jsonb NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  PRIMARY KEY (kind, name)
);

-- Daily dossier code counters: one row per agency and day, allocated with SELECT … FOR UPDATE
-- (or INSERT … ON CONFLICT DO UPDATE … RETURNING) in the transaction that inserts the dossier, so
-- a rolled-back or killed transaction leaves no gap (a SEQUENCE would).
CREATE TABLE gov_desk.code_counters (
  agency_code text NOT NULL,
  day date NOT NULL,
  last_value integer NOT NULL CHECK (last_value >= 0),
  PRIMARY KEY (agency_code, day)
);

-- Register book counters (Sổ theo dõi hồ sơ, "Quyển số"): same row-lock allocation.
CREATE TABLE gov_desk.register_counters (
  book text PRIMARY KEY,
  last_value integer NOT NULL CHECK (last_value >= 0)
);

-- Dossiers: the fixed facts of reception plus the full document; status is derived from the
-- events and only cached here for listing (status, closed_at), rewritten with each append.
CREATE TABLE gov_desk.dossiers (
  code text PRIMARY KEY,
  procedure_code text NOT NULL,
  procedure_version text NOT NULL,
  received_at timestamptz NOT NULL,
  due_at timestamptz,
  register_book text NOT NULL,
  register_number integer NOT NULL CHECK (register_number > 0),
  applicant_name text NOT NULL,
  -- folded (no diacritics, lower case) name and id for search, filled by the adapter
  applicant_search text NOT NULL DEFAULT '',
  status text NOT NULL,
  closed_at timestamptz,
  document jsonb NOT NULL,
  created_by_operator text NOT NULL,
  created_by_desk text NOT NULL,
  UNIQUE (register_book, register_number)
);
CREATE INDEX dossiers_open_idx ON gov_desk.dossiers (received_at) WHERE closed_at IS NULL;
CREATE INDEX dossiers_received_idx ON gov_desk.dossiers (received_at);
CREATE INDEX dossiers_search_idx ON gov_desk.dossiers (applicant_search text_pattern_ops);

-- Append-only events (the desk role gets INSERT and SELECT only, no UPDATE or DELETE).
CREATE TABLE gov_desk.dossier_events (
  dossier_code text NOT NULL REFERENCES gov_desk.dossiers (code),
  seq integer NOT NULL CHECK (seq > 0),
  type text NOT NULL,
  at timestamptz NOT NULL,
  operator text NOT NULL,
  desk text NOT NULL,
  idempotency_key text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dossier_code, seq),
  UNIQUE (dossier_code, idempotency_key)
);

-- Kept intakes that did not become a dossier (incomplete: Mẫu 02, refused: Mẫu 03) and drafts.
CREATE TABLE gov_desk.drafts (
  id text PRIMARY KEY,
  kind text NOT NULL,
  operator text NOT NULL,
  desk text NOT NULL,
  content jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Files (scans, generated PDFs): content-addressed, bytea with its SHA-256 and size, checked on
-- read. Why bytea and not large objects: docs/multi-desk.md.
CREATE TABLE gov_desk.files (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  media_type text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (octet_length(content) = size)
);
ALTER TABLE gov_desk.files ALTER COLUMN content SET STORAGE EXTERNAL; -- PDFs/JPEGs do not compress

CREATE TABLE gov_desk.dossier_files (
  dossier_code text NOT NULL REFERENCES gov_desk.dossiers (code),
  kind text NOT NULL CHECK (kind IN ('attachment', 'document')),
  name text NOT NULL,
  sha256 text NOT NULL REFERENCES gov_desk.files (sha256),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by_desk text NOT NULL,
  PRIMARY KEY (dossier_code, kind, name)
);

-- Portal outbox: one row per message to the provincial system. A sender claims rows with
-- SELECT … FOR UPDATE SKIP LOCKED and sets a lease (lease_owner, lease_until); an expired lease
-- may be claimed again. The idempotency key is unique: the same step is never queued twice.
CREATE TABLE gov_desk.portal_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  dossier_code text NOT NULL REFERENCES gov_desk.dossiers (code),
  kind text NOT NULL,
  payload jsonb NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_owner text,
  lease_until timestamptz,
  last_error text,
  remote_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by_desk text NOT NULL,
  done_at timestamptz
);
CREATE INDEX portal_outbox_due_idx ON gov_desk.portal_outbox (next_attempt_at) WHERE state = 'pending';

-- Notification outbox (SMS / e-mail to citizens): same lease and idempotency rules.
CREATE TABLE gov_desk.notification_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  dossier_code text REFERENCES gov_desk.dossiers (code),
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient text NOT NULL,
  payload jsonb NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_owner text,
  lease_until timestamptz,
  last_error text,
  provider_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by_desk text NOT NULL,
  done_at timestamptz
);
CREATE INDEX notification_outbox_due_idx ON gov_desk.notification_outbox (next_attempt_at) WHERE state = 'pending';

-- Sync metadata (the portal changes-feed cursor, last run times): key/value.
CREATE TABLE gov_desk.sync_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
