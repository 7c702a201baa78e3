-- gov-desk schema 2: the tables of the store port's PostgreSQL adapter (src/store/pg/store.ts).
-- Schema 1 was written before the port's records were typed; the tables that did not fit them
-- (and that nothing wrote yet) are replaced here. Never edit an applied migration: add 0003_*.sql.

-- Counters: the daily code sequence by the key that intake uses (one row per key), locked by
-- INSERT … ON CONFLICT DO UPDATE … RETURNING in the transaction that receives the dossier.
-- register_counters (book) of schema 1 stays as it is.
CREATE TABLE gov_desk.sequence_counters (
  key text PRIMARY KEY,
  last_value integer NOT NULL CHECK (last_value >= 0)
);
DROP TABLE gov_desk.code_counters;

-- Dossiers: `document` is authoritative, the other columns are cached from it on every write.
-- The year of the local receipt time stamp is the archive year (as the embedded archive's folders).
-- Register numbers are unique and positive because the counter hands them out; a copied home that
-- holds an old duplicate (or a hand-made 0) must still copy, as the embedded store keeps it (no
-- behaviour in one adapter only).
ALTER TABLE gov_desk.dossiers ADD COLUMN received_year smallint NOT NULL DEFAULT 0;
ALTER TABLE gov_desk.dossiers DROP CONSTRAINT dossiers_register_book_register_number_key;
ALTER TABLE gov_desk.dossiers DROP CONSTRAINT dossiers_register_number_check;
CREATE INDEX dossiers_register_idx ON gov_desk.dossiers (register_book, register_number);
CREATE INDEX dossiers_archive_idx ON gov_desk.dossiers (received_year, code) WHERE closed_at IS NOT NULL;
-- events from before issue 14 name no desk
ALTER TABLE gov_desk.dossier_events ALTER COLUMN desk DROP NOT NULL;

-- The people of every dossier by ID number (applicant, representative, parties, as corrected):
-- the identity warning of intake reads it instead of scanning the archive. Rewritten with the dossier.
CREATE TABLE gov_desk.dossier_people (
  dossier_code text NOT NULL REFERENCES gov_desk.dossiers (code),
  personal_id text NOT NULL,
  full_name text NOT NULL,
  birth_date text
);
CREATE INDEX dossier_people_id_idx ON gov_desk.dossier_people (personal_id);
CREATE INDEX dossier_people_code_idx ON gov_desk.dossier_people (dossier_code);

-- Both outboxes (portal and notification entries of src/store/records.ts) in one table: the entry
-- as jsonb plus the columns the filters and claims need. The idempotency key is unique per kind.
-- A sender claims with SELECT … FOR UPDATE SKIP LOCKED and records its lease in the entry.
CREATE TABLE gov_desk.outbox (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL CHECK (kind IN ('portal', 'notify')),
  id text NOT NULL,
  idempotency_key text NOT NULL,
  dossier_code text NOT NULL,
  pending boolean NOT NULL,
  entry jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by_desk text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id),
  CONSTRAINT outbox_key_unique UNIQUE (kind, idempotency_key)
);
CREATE INDEX outbox_pending_idx ON gov_desk.outbox (kind, seq) WHERE pending;
CREATE INDEX outbox_code_idx ON gov_desk.outbox (dossier_code);
DROP TABLE gov_desk.portal_outbox;
DROP TABLE gov_desk.notification_outbox;

-- Kept files by their home-relative path (attachments/…, documents/…) → content in gov_desk.files.
-- A path may belong to no dossier (the Mẫu 02 of a kept intake).
CREATE TABLE gov_desk.file_paths (
  rel text PRIMARY KEY,
  sha256 text NOT NULL REFERENCES gov_desk.files (sha256),
  dossier_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by_desk text NOT NULL
);
DROP TABLE gov_desk.dossier_files;

-- Guidance-desk records (issue 17). `at` is kept as recorded (ISO with +07:00): ranges compare its
-- local day, as the embedded store does.
CREATE TABLE gov_desk.guidance (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  id text PRIMARY KEY,
  at text NOT NULL,
  day text NOT NULL,
  record jsonb NOT NULL,
  desk text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX guidance_day_idx ON gov_desk.guidance (day);
