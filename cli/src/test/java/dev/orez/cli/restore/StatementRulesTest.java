package dev.orez.cli.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StatementRulesTest {
    private final StatementRules rules = new StatementRules(Set.of("plpgsql", "vector", "uuid-ossp"));

    private Step classify(String sql) {
        return rules.classify(sql);
    }

    private static Step run(String sql) {
        return new Step.Run(sql, null);
    }

    @Test
    void transactionTimeoutIsSkipped() {
        assertEquals(new Step.Skip(StatementRules.TRANSACTION_TIMEOUT), classify("SET transaction_timeout = 0"));
        assertEquals(run("SET statement_timeout = 0"), classify("SET statement_timeout = 0"));
    }

    @Test
    void extensionsTheTargetLacksAreSkippedWithTheirComments() {
        Step.Skip missing = new Step.Skip(StatementRules.missingExtension("pg_stat_statements"));
        assertEquals(missing, classify("CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public"));
        assertEquals(missing, classify("COMMENT ON EXTENSION pg_stat_statements IS 'track; stats'"));
        assertEquals(missing, classify("DROP EXTENSION IF EXISTS pg_stat_statements"));
        assertEquals(
                new Step.Skip(StatementRules.missingExtension("pg_cron")), classify("create extension \"pg_cron\""));
        assertEquals(
                run("CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public"),
                classify("CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public"));
        assertEquals(run("CREATE EXTENSION \"uuid-ossp\""), classify("CREATE EXTENSION \"uuid-ossp\""));
    }

    @Test
    void publicationsAndSubscriptionsAreSkipped() {
        Step.Skip skip = new Step.Skip(StatementRules.REPLICATION);
        assertEquals(skip, classify("CREATE PUBLICATION zero FOR ALL TABLES"));
        assertEquals(skip, classify("ALTER PUBLICATION zero ADD TABLE ONLY public.t"));
        assertEquals(skip, classify("DROP PUBLICATION zero"));
        assertEquals(skip, classify("COMMENT ON PUBLICATION zero IS 'x'"));
        assertEquals(skip, classify("CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p"));
        assertEquals(skip, classify("ALTER SUBSCRIPTION s DISABLE"));
    }

    @Test
    void orezsOwnSchemaIsSkippedButNotDataThatMentionsIt() {
        Step.Skip skip = new Step.Skip(StatementRules.OREZ_SCHEMA);
        assertEquals(skip, classify("CREATE SCHEMA _orez"));
        assertEquals(skip, classify("CREATE TABLE _orez.changes (watermark bigint)"));
        assertEquals(skip, classify("COPY _orez.slots (slot_name) FROM stdin"));
        assertEquals(skip, classify("SELECT pg_catalog.setval('_orez.watermarks', 42, true)"));
        assertEquals(
                skip,
                classify("CREATE TRIGGER _orez_capture_inserts AFTER INSERT ON public.t REFERENCING NEW TABLE AS r"
                        + " FOR EACH STATEMENT EXECUTE FUNCTION _orez.capture_inserts()"));
        assertEquals(new Step.Data(), classify("INSERT INTO public.notes VALUES ('_orez.changes is internal')"));
        assertEquals(
                run("CREATE TABLE public._orez_like (id int)"), classify("CREATE TABLE public._orez_like (id int)"));
    }

    @Test
    void schemasFunctionsProceduresAndViewsAreMadeIdempotent() {
        assertEquals(new Step.CreateSchema("CREATE SCHEMA IF NOT EXISTS shop", "shop"), classify("CREATE SCHEMA shop"));
        assertEquals(
                new Step.CreateSchema("CREATE SCHEMA IF NOT EXISTS \"Shop\"", "\"Shop\""),
                classify("CREATE SCHEMA IF NOT EXISTS \"Shop\""));
        assertEquals(
                run("CREATE SCHEMA IF NOT EXISTS AUTHORIZATION alice"), classify("CREATE SCHEMA AUTHORIZATION alice"));
        assertEquals(
                run("CREATE OR REPLACE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$SELECT 1$$"),
                classify("CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$SELECT 1$$"));
        assertEquals(
                run("CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS $$SELECT 1$$"),
                classify("CREATE PROCEDURE p() LANGUAGE sql AS $$SELECT 1$$"));
        assertEquals(run("CREATE OR REPLACE VIEW v AS SELECT 1"), classify("CREATE VIEW v AS SELECT 1"));
        assertEquals(
                run("create OR REPLACE recursive view v (n) AS SELECT 1"),
                classify("create recursive view v (n) AS SELECT 1"));
        assertEquals(run("CREATE OR REPLACE VIEW v AS SELECT 1"), classify("CREATE OR REPLACE VIEW v AS SELECT 1"));
        assertEquals(run("CREATE MATERIALIZED VIEW m AS SELECT 1"), classify("CREATE MATERIALIZED VIEW m AS SELECT 1"));
    }

    @Test
    void dataStatementsAreBatched() {
        assertEquals(new Step.Data(), classify("INSERT INTO t VALUES (1)"));
        assertEquals(new Step.Data(), classify("update t SET a = 1"));
        assertEquals(new Step.Data(), classify("DELETE FROM t"));
        assertEquals(run("SELECT pg_catalog.setval('s', 1, true)"), classify("SELECT pg_catalog.setval('s', 1, true)"));
    }

    @Test
    void ownershipAndPrivilegesAreTriedNotSkipped() {
        assertEquals(run("ALTER TABLE t OWNER TO prod"), classify("ALTER TABLE t OWNER TO prod"));
        assertEquals(run("GRANT SELECT ON t TO reader"), classify("GRANT SELECT ON t TO reader"));
        assertEquals(
                run("REVOKE ALL ON SCHEMA public FROM PUBLIC"), classify("REVOKE ALL ON SCHEMA public FROM PUBLIC"));
    }

    @Test
    void triggersNameTheirTableAndFunction() {
        String sql = "CREATE TRIGGER \"Audit\" AFTER INSERT OR UPDATE OF \"on\", b ON shop.\"Items\""
                + " FOR EACH ROW WHEN (NEW.b <> 'on') EXECUTE FUNCTION audit.log_change('x')";
        assertEquals(
                new Step.Run(sql, new Step.TriggerStatement("\"Audit\"", "shop.\"Items\"", "audit.log_change")),
                classify(sql));
        String constraint =
                "CREATE CONSTRAINT TRIGGER c AFTER INSERT ON t DEFERRABLE FOR EACH ROW EXECUTE PROCEDURE f()";
        assertEquals(new Step.Run(constraint, new Step.TriggerStatement("c", "t", "f")), classify(constraint));
        String replacing = "CREATE OR REPLACE TRIGGER r BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION g()";
        assertEquals(new Step.Run(replacing, new Step.TriggerStatement("r", "t", "g")), classify(replacing));
    }

    @Test
    void aDumpInAnotherEncodingIsRefused() {
        assertEquals(run("SET client_encoding = 'UTF8'"), classify("SET client_encoding = 'UTF8'"));
        DumpFormatException e =
                assertThrows(DumpFormatException.class, () -> classify("SET client_encoding = 'LATIN1'"));
        assertTrue(e.getMessage().contains("LATIN1"), e.getMessage());
    }
}
