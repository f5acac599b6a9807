-- A production-like database for the dump round trips, built in Debian's PostgreSQL and dumped by its own
-- pg_dump: two schemas, an enum, a domain, most column types, defaults, constraints, foreign keys, indexes,
-- functions in plpgsql and SQL, a trigger that fills a table, views (plain and materialized), a sequence that has
-- moved, comments, and 100,000 rows in the main table with awkward text (quotes, tabs, newlines, backslashes,
-- non-ASCII, NULLs).

CREATE SCHEMA inventory;

CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN public.positive_int AS integer CHECK (VALUE > 0);

CREATE TABLE public.account (
    id bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    display_name varchar(80),
    mood public.mood NOT NULL DEFAULT 'ok',
    balance numeric(12, 2) NOT NULL DEFAULT 0,
    score double precision,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    birthday date,
    wake_up time,
    profile jsonb,
    settings json,
    tags text[],
    avatar bytea,
    external_id uuid,
    home inet,
    visits public.positive_int,
    note text
);

CREATE TABLE public.audit_log (
    id serial PRIMARY KEY,
    account_id bigint NOT NULL,
    action text NOT NULL,
    logged_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inventory.item (
    sku text PRIMARY KEY,
    owner_id bigint REFERENCES public.account (id) ON DELETE CASCADE,
    quantity integer NOT NULL CHECK (quantity >= 0),
    price numeric,
    dims integer[],
    updated_at timestamp
);

CREATE FUNCTION public.log_account_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- a comment with a ; and a 'quote' inside the body
    INSERT INTO public.audit_log (account_id, action) VALUES (NEW.id, TG_OP);
    RETURN NEW;
END;
$$;

CREATE TRIGGER account_audit AFTER INSERT OR UPDATE ON public.account
    FOR EACH ROW EXECUTE FUNCTION public.log_account_change();

CREATE FUNCTION inventory.total_quantity(owner bigint) RETURNS bigint LANGUAGE sql STABLE AS $body$
    SELECT coalesce(sum(quantity), 0) FROM inventory.item WHERE owner_id = owner
$body$;

CREATE VIEW public.active_accounts AS
    SELECT id, email, display_name FROM public.account WHERE active;

CREATE MATERIALIZED VIEW inventory.stock_by_owner AS
    SELECT owner_id, sum(quantity) AS total FROM inventory.item GROUP BY owner_id;

CREATE SEQUENCE public.invoice_number START 1000 INCREMENT 7;

CREATE INDEX account_created_at ON public.account (created_at);
CREATE INDEX account_lower_email ON public.account (lower(email));
CREATE INDEX item_dims ON inventory.item USING gin (dims);

COMMENT ON TABLE public.account IS 'people; with ''quotes'', $$dollars$$ and a tab	here';
COMMENT ON COLUMN public.account.note IS 'free text';

INSERT INTO public.account (email, display_name, mood, balance, score, active, created_at, birthday, wake_up,
                            profile, settings, tags, avatar, external_id, home, visits, note)
SELECT 'user' || i || '@example.com',
       CASE WHEN i % 10 = 0 THEN NULL ELSE 'User ' || i END,
       (ARRAY['sad', 'ok', 'happy'])[1 + i % 3]::public.mood,
       (i * 37 % 100000) / 100.0,
       CASE WHEN i % 7 = 0 THEN NULL ELSE i / 3.0 END,
       i % 5 <> 0,
       timestamptz '2024-01-01 00:00:00+00' + i * interval '17 minutes',
       date '1970-01-01' + (i % 20000),
       time '06:00' + (i % 600) * interval '1 minute',
       jsonb_build_object('n', i, 'even', i % 2 = 0, 'name', 'ü' || i),
       ('{"raw": ' || i || ',  "spaced": true}')::json,
       ARRAY['t' || (i % 13), 'x,y', 'quote"d'],
       CASE WHEN i % 4 = 0 THEN decode(md5(i::text), 'hex') END,
       md5('uuid' || i)::uuid,
       ('10.' || (i % 256) || '.' || (i / 256 % 256) || '.1')::inet,
       CASE WHEN i % 3 = 0 THEN NULL ELSE i % 1000 + 1 END,
       CASE i % 6
           WHEN 0 THEN NULL
           WHEN 1 THEN 'tab	inside'
           WHEN 2 THEN E'line\nbreak and \\ backslash'
           WHEN 3 THEN 'it''s "quoted"; -- not a comment'
           WHEN 4 THEN 'ünïcødé ✓ ' || i
           ELSE repeat('long ', 40)
       END
FROM generate_series(1, 100000) AS i;

INSERT INTO inventory.item (sku, owner_id, quantity, price, dims, updated_at)
SELECT 'SKU-' || lpad(i::text, 6, '0'), 1 + i % 5000, i % 50, i * 1.25, ARRAY[i % 10, i % 7, i % 3],
       timestamp '2024-06-01 12:00' + i * interval '1 second'
FROM generate_series(1, 20000) AS i;

REFRESH MATERIALIZED VIEW inventory.stock_by_owner;

SELECT nextval('public.invoice_number') FROM generate_series(1, 5);
