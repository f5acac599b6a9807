-- Change tracking for orez's replication, installed into the application database at every start.
-- Idempotent: everything is IF NOT EXISTS or CREATE OR REPLACE, and nothing here drops user data.
--
-- PGlite has no logical decoding, so changes to published tables are captured by triggers into
-- _orez.changes, in commit order (the engine runs one transaction at a time). Row images are stored as
-- the row's own text form (record output), so every column reaches the stream in exactly the text
-- Postgres's output functions give, as pgoutput would send it.

CREATE SCHEMA IF NOT EXISTS _orez;

CREATE SEQUENCE IF NOT EXISTS _orez.watermarks;

-- kind: I insert, U update, D delete, T truncate, M message inside its transaction, m message outside
-- any transaction, S the shape of relid changed (ALTER TABLE), so the stream resends its Relation; an S
-- without relid says publications changed.
CREATE TABLE IF NOT EXISTS _orez.changes (
    watermark bigint PRIMARY KEY DEFAULT nextval('_orez.watermarks'),
    xid bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
    kind "char" NOT NULL,
    relid oid,
    new_row text,
    old_row text,
    prefix text,
    content bytea
);
CREATE INDEX IF NOT EXISTS changes_by_transaction ON _orez.changes (xid, watermark);

-- Which publications' tables are tracked; NULL means every publication.
CREATE TABLE IF NOT EXISTS _orez.settings (
    only_one_row boolean PRIMARY KEY DEFAULT true CHECK (only_one_row),
    publications text[]
);
INSERT INTO _orez.settings VALUES (true, NULL) ON CONFLICT DO NOTHING;

-- Replication slots. A slot holds back the purge of changes its consumer has not confirmed.
CREATE TABLE IF NOT EXISTS _orez.slots (
    slot_name name PRIMARY KEY,
    plugin name NOT NULL DEFAULT 'pgoutput',
    temporary boolean NOT NULL DEFAULT false,
    active boolean NOT NULL DEFAULT false,
    active_pid integer,
    snapshot_name text,
    snapshot_watermark bigint NOT NULL,
    confirmed_watermark bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Watermark w is at LSN 0/1000000 + 256 w: LSNs follow the persistent sequence, so they never go
-- backwards, not even across restarts, and every watermark has room for the LSNs of its transaction.
CREATE OR REPLACE FUNCTION _orez.lsn(watermark bigint) RETURNS pg_lsn
    LANGUAGE sql IMMUTABLE AS $$ SELECT '0/1000000'::pg_lsn + (watermark * 256)::numeric $$;

CREATE OR REPLACE FUNCTION _orez.watermark_at(lsn pg_lsn) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(0, floor((lsn - '0/1000000'::pg_lsn) / 256))::bigint $$;

CREATE OR REPLACE FUNCTION _orez.current_watermark() RETURNS bigint
    LANGUAGE sql AS $$ SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM _orez.watermarks $$;

-- What the rewritten pg_replication_slots reads: the columns of the real view. The database comes from a
-- scalar subquery: with a JOIN on pg_database, after a heavy COPY in the same engine, a query on this view
-- failed now and then with "number of columns (0) exceeds limit (1664)" (2 of 3 runs of PostgresJsTest then
-- ReplicationProtocolTest; 0 of 6 with the subquery). The engine defect behind it is not understood yet.
CREATE OR REPLACE VIEW _orez.replication_slots AS
SELECT s.slot_name, s.plugin, 'logical'::text AS slot_type,
       (SELECT oid FROM pg_database WHERE datname = current_database()) AS datoid, current_database() AS database,
       s.temporary, s.active, s.active_pid, NULL::xid AS xmin, NULL::xid AS catalog_xmin,
       _orez.lsn(greatest(s.snapshot_watermark, s.confirmed_watermark)) AS restart_lsn,
       _orez.lsn(greatest(s.snapshot_watermark, s.confirmed_watermark)) AS confirmed_flush_lsn,
       'reserved'::text AS wal_status, NULL::bigint AS safe_wal_size, false AS two_phase,
       NULL::pg_lsn AS two_phase_at, CASE WHEN s.active THEN NULL ELSE s.created_at END AS inactive_since,
       false AS conflicting, NULL::text AS invalidation_reason, false AS failover, false AS synced
FROM _orez.slots s;

-- Deletes the changes every slot has confirmed (or that no slot needs).
CREATE OR REPLACE FUNCTION _orez.purge() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    needed_after bigint;
BEGIN
    SELECT min(greatest(snapshot_watermark, confirmed_watermark)) INTO needed_after FROM _orez.slots;
    DELETE FROM _orez.changes WHERE watermark <= coalesce(needed_after, _orez.current_watermark());
END $$;

CREATE OR REPLACE FUNCTION _orez.create_slot(slot name, is_temporary boolean, snapshot text) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    snapshot_at bigint := _orez.current_watermark();
BEGIN
    INSERT INTO _orez.slots (slot_name, temporary, snapshot_name, snapshot_watermark, confirmed_watermark)
    VALUES (slot, is_temporary, snapshot, snapshot_at, snapshot_at);
    RETURN snapshot_at;
END $$;

CREATE OR REPLACE FUNCTION _orez.confirm_slot(slot name, flushed pg_lsn) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE _orez.slots SET confirmed_watermark = greatest(confirmed_watermark, _orez.watermark_at(flushed))
    WHERE slot_name = slot;
    PERFORM _orez.purge();
END $$;

-- pg_drop_replication_slot for orez's slots, with the real one's errors.
CREATE OR REPLACE FUNCTION _orez.drop_replication_slot(slot name) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    holder integer;
BEGIN
    SELECT active_pid INTO holder FROM _orez.slots WHERE slot_name = slot;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'replication slot "%" does not exist', slot USING ERRCODE = '42704';
    END IF;
    IF holder IS NOT NULL THEN
        RAISE EXCEPTION 'replication slot "%" is active for PID %', slot, holder USING ERRCODE = '55006';
    END IF;
    DELETE FROM _orez.slots WHERE slot_name = slot;
    PERFORM _orez.purge();
    PERFORM pg_notify('_orez_slots', 'dropped:' || slot);
END $$;

-- pg_terminate_backend: a walsender of orez's is ended by the replication module when this commits.
CREATE OR REPLACE FUNCTION _orez.terminate_backend(pid integer, timeout bigint DEFAULT 0) RETURNS boolean
    LANGUAGE plpgsql AS $$
BEGIN
    IF pid IS NULL THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM _orez.slots WHERE active_pid = pid) THEN
        PERFORM pg_notify('_orez_slots', 'terminate:' || pid);
        RETURN true;
    END IF;
    RETURN pg_catalog.pg_terminate_backend(pid, timeout);
END $$;

-- Exported snapshots. PGlite is one session, so a transaction cannot import another's snapshot; instead
-- each table copied under an imported snapshot records the watermark it was read at, and the slot's first
-- stream skips that table's changes up to there: each row is in the copy or in the stream, never both.
CREATE TABLE IF NOT EXISTS _orez.snapshot_copies (
    slot_name name NOT NULL REFERENCES _orez.slots ON DELETE CASCADE,
    relid oid NOT NULL,
    watermark bigint NOT NULL,
    PRIMARY KEY (slot_name, relid)
);

-- SET TRANSACTION SNAPSHOT: a snapshot exported by CREATE_REPLICATION_SLOT is importable while its
-- replication connection is open and idle, as in Postgres.
CREATE OR REPLACE FUNCTION _orez.import_snapshot(snapshot text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    exporter name;
BEGIN
    SELECT slot_name INTO exporter FROM _orez.slots WHERE snapshot_name = snapshot;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'invalid snapshot identifier: "%"', snapshot USING ERRCODE = '22023';
    END IF;
    PERFORM set_config('orez.snapshot_slot', exporter, true);
END $$;

-- The rows of a table for COPY (SELECT ...) TO STDOUT; under an imported snapshot, notes the copy.
CREATE OR REPLACE FUNCTION _orez.snapshot_rows(row_type anyelement) RETURNS SETOF anyelement
    LANGUAGE plpgsql AS $$
DECLARE
    exporter text := current_setting('orez.snapshot_slot', true);
    rel oid := (SELECT typrelid FROM pg_type WHERE oid = pg_typeof(row_type));
BEGIN
    IF coalesce(exporter, '') <> '' THEN
        INSERT INTO _orez.snapshot_copies VALUES (exporter, rel, _orez.current_watermark())
        ON CONFLICT (slot_name, relid) DO UPDATE SET watermark = excluded.watermark;
    END IF;
    RETURN QUERY EXECUTE format('SELECT * FROM %s', rel::regclass);
END $$;

-- pg_logical_emit_message, captured: the message travels in the stream at its watermark's LSN.
CREATE OR REPLACE FUNCTION _orez.emit_message(transactional boolean, prefix text, content bytea,
                                              flush boolean DEFAULT false) RETURNS pg_lsn
    LANGUAGE plpgsql AS $$
DECLARE
    at bigint;
BEGIN
    INSERT INTO _orez.changes (kind, prefix, content)
    VALUES (CASE WHEN transactional THEN 'M' ELSE 'm' END, prefix, content)
    RETURNING watermark INTO at;
    PERFORM pg_notify('_orez_changes', '');
    RETURN _orez.lsn(at);
END $$;

CREATE OR REPLACE FUNCTION _orez.emit_message(transactional boolean, prefix text, content text,
                                              flush boolean DEFAULT false) RETURNS pg_lsn
    LANGUAGE sql AS $$ SELECT _orez.emit_message(transactional, prefix, convert_to(content, 'UTF8'), flush) $$;

-- The capture triggers. Inserts and deletes are captured per statement from the transition table, one
-- set-based INSERT however many rows; updates per row, because old and new rows must be paired.
CREATE OR REPLACE FUNCTION _orez.capture_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO _orez.changes (kind, relid, new_row) SELECT 'I', TG_RELID, r::text FROM inserted_rows r;
    PERFORM pg_notify('_orez_changes', '');
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION _orez.capture_deletes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO _orez.changes (kind, relid, old_row) SELECT 'D', TG_RELID, r::text FROM deleted_rows r;
    PERFORM pg_notify('_orez_changes', '');
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION _orez.capture_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO _orez.changes (kind, relid, new_row, old_row) VALUES ('U', TG_RELID, NEW::text, OLD::text);
    RETURN NULL;
END $$;

-- Per statement: records a TRUNCATE, and announces the commit of updates (captured per row).
CREATE OR REPLACE FUNCTION _orez.capture_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO _orez.changes (kind, relid) VALUES ('T', TG_RELID);
    END IF;
    PERFORM pg_notify('_orez_changes', '');
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION _orez.track(rel oid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER _orez_capture_inserts AFTER INSERT ON %s REFERENCING NEW TABLE AS inserted_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION _orez.capture_inserts()', rel::regclass);
    EXECUTE format('CREATE TRIGGER _orez_capture_deletes AFTER DELETE ON %s REFERENCING OLD TABLE AS deleted_rows'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION _orez.capture_deletes()', rel::regclass);
    EXECUTE format('CREATE TRIGGER _orez_capture_update AFTER UPDATE ON %s'
                   ' FOR EACH ROW EXECUTE FUNCTION _orez.capture_update()', rel::regclass);
    EXECUTE format('CREATE TRIGGER _orez_capture_statement AFTER UPDATE OR TRUNCATE ON %s'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION _orez.capture_statement()', rel::regclass);
END $$;

CREATE OR REPLACE FUNCTION _orez.untrack(rel oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    capture text;
BEGIN
    FOREACH capture IN ARRAY ARRAY['_orez_capture_inserts', '_orez_capture_deletes', '_orez_capture_update',
                                   '_orez_capture_statement'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', capture, rel::regclass);
    END LOOP;
END $$;

-- Tracks exactly the tables of the tracked publications: enrolls new ones, removes stale triggers.
CREATE OR REPLACE FUNCTION _orez.sync_tracking() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    only_these text[] := (SELECT publications FROM _orez.settings);
    wanted oid[];
    tracked oid[] := ARRAY(SELECT tgrelid FROM pg_trigger WHERE tgname = '_orez_capture_inserts');
    rel oid;
BEGIN
    wanted := ARRAY(
        SELECT DISTINCT c.oid
        FROM pg_publication_tables pt
        JOIN pg_namespace n ON n.nspname = pt.schemaname
        JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = pt.tablename
        WHERE pt.schemaname <> '_orez' AND (only_these IS NULL OR pt.pubname = ANY (only_these)));
    FOREACH rel IN ARRAY wanted LOOP
        IF NOT rel = ANY (tracked) THEN
            PERFORM _orez.track(rel);
        END IF;
    END LOOP;
    FOREACH rel IN ARRAY tracked LOOP
        IF NOT rel = ANY (wanted) THEN
            PERFORM _orez.untrack(rel);
        END IF;
    END LOOP;
END $$;

-- DDL: a tracked table whose shape changed gets an S marker (its Relation is resent), and publication or
-- table changes re-sync the tracked set, so tables created later are enrolled in the same transaction.
CREATE OR REPLACE FUNCTION _orez.on_ddl_end() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
    altered oid;
BEGIN
    FOR altered IN SELECT DISTINCT objid FROM pg_event_trigger_ddl_commands()
                   WHERE command_tag = 'ALTER TABLE' AND object_type = 'table'
                     AND objid IN (SELECT tgrelid FROM pg_trigger WHERE tgname = '_orez_capture_inserts') LOOP
        INSERT INTO _orez.changes (kind, relid) VALUES ('S', altered);
        PERFORM pg_notify('_orez_changes', '');
    END LOOP;
    IF tg_tag LIKE '% PUBLICATION' THEN
        INSERT INTO _orez.changes (kind) VALUES ('S'); -- every stream re-reads which tables it publishes
    END IF;
    PERFORM _orez.sync_tracking();
END $$;

DROP EVENT TRIGGER IF EXISTS _orez_on_ddl_end;
CREATE EVENT TRIGGER _orez_on_ddl_end ON ddl_command_end
    WHEN TAG IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO', 'ALTER TABLE', 'CREATE PUBLICATION',
                 'ALTER PUBLICATION', 'DROP PUBLICATION')
    EXECUTE FUNCTION _orez.on_ddl_end();

-- After a restart no walsender is running: slots are idle, temporary ones are gone, exports expired.
DELETE FROM _orez.slots WHERE temporary;
UPDATE _orez.slots SET active = false, active_pid = NULL, snapshot_name = NULL;
SELECT _orez.sync_tracking();
