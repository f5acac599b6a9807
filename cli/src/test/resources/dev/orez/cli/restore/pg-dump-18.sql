--
-- PostgreSQL database dump
--

\restrict 4pXm0QbC9sVxZy2kLaHd1uTfGe7rNoWi

-- Dumped from database version 17.5
-- Dumped by pg_dump version 18.1

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: shop; Type: SCHEMA; Schema: -; Owner: prod
--

CREATE SCHEMA shop;


ALTER SCHEMA shop OWNER TO prod;

--
-- Name: pg_cron; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_cron WITH SCHEMA pg_catalog;


--
-- Name: EXTENSION pg_cron; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_cron IS 'Job scheduler for PostgreSQL';


--
-- Name: touch_updated(); Type: FUNCTION; Schema: shop; Owner: prod
--

CREATE FUNCTION shop.touch_updated() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
BEGIN
  -- a comment with a ; and a ' quote
  NEW.updated := now();
  PERFORM $q$it's; $_ fine$q$;
  RETURN NEW;
END;
$_$;


ALTER FUNCTION shop.touch_updated() OWNER TO prod;

--
-- Name: add(integer, integer); Type: FUNCTION; Schema: public; Owner: prod
--

CREATE FUNCTION public.add(integer, integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$SELECT $1 + $2$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: items; Type: TABLE; Schema: shop; Owner: prod
--

CREATE TABLE shop.items (
    id integer NOT NULL,
    name text NOT NULL,
    note text,
    updated timestamp with time zone
);


ALTER TABLE shop.items OWNER TO prod;

--
-- Name: TABLE items; Type: COMMENT; Schema: shop; Owner: prod
--

COMMENT ON TABLE shop.items IS E'what the shop sells; it\'s "items"';


--
-- Name: items_id_seq; Type: SEQUENCE; Schema: shop; Owner: prod
--

CREATE SEQUENCE shop.items_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE shop.items_id_seq OWNED BY shop.items.id;

--
-- Name: Order; Lines; Type: TABLE; Schema: public; Owner: prod
--

CREATE TABLE public."Order; Lines" (
    "line;no" integer NOT NULL,
    item_id integer,
    qty integer
);


--
-- Name: item_names; Type: VIEW; Schema: shop; Owner: prod
--

CREATE VIEW shop.item_names AS
 SELECT id,
    name
   FROM shop.items;


--
-- Name: items id; Type: DEFAULT; Schema: shop; Owner: prod
--

ALTER TABLE ONLY shop.items ALTER COLUMN id SET DEFAULT nextval('shop.items_id_seq'::regclass);


--
-- Data for Name: items; Type: TABLE DATA; Schema: shop; Owner: prod
--

COPY shop.items (id, name, note, updated) FROM stdin;
1	plain	\N	2024-01-02 03:04:05+00
2	tab\there	line\nbreak	\N
3	back\\slash	\101\102C	\N
4	quote's "dq"	; not a statement	\N
\.


--
-- Data for Name: Order; Lines; Type: TABLE DATA; Schema: public; Owner: prod
--

INSERT INTO public."Order; Lines" VALUES (1, 1, 5);
INSERT INTO public."Order; Lines" VALUES (2, 2, 'many');
INSERT INTO public."Order; Lines" VALUES (3, 4, 7);


--
-- Name: items_id_seq; Type: SEQUENCE SET; Schema: shop; Owner: prod
--

SELECT pg_catalog.setval('shop.items_id_seq', 4, true);


--
-- Name: items items_pkey; Type: CONSTRAINT; Schema: shop; Owner: prod
--

ALTER TABLE ONLY shop.items
    ADD CONSTRAINT items_pkey PRIMARY KEY (id);


--
-- Name: items items_touch; Type: TRIGGER; Schema: shop; Owner: prod
--

CREATE TRIGGER items_touch BEFORE UPDATE ON shop.items FOR EACH ROW EXECUTE FUNCTION shop.touch_updated();


--
-- Name: items items_audit; Type: TRIGGER; Schema: shop; Owner: prod
--

CREATE TRIGGER items_audit AFTER INSERT ON shop.items FOR EACH ROW EXECUTE FUNCTION audit.log_change();


--
-- Name: zero_data; Type: PUBLICATION; Schema: -; Owner: prod
--

CREATE PUBLICATION zero_data WITH (publish = 'insert, update, delete');


ALTER PUBLICATION zero_data OWNER TO prod;

--
-- Name: zero_data items; Type: PUBLICATION TABLE; Schema: shop; Owner: prod
--

ALTER PUBLICATION zero_data ADD TABLE ONLY shop.items;


--
-- Name: TABLE items; Type: ACL; Schema: shop; Owner: prod
--

GRANT SELECT ON TABLE shop.items TO reporting;


--
-- PostgreSQL database dump complete
--

\unrestrict 4pXm0QbC9sVxZy2kLaHd1uTfGe7rNoWi

