package dev.orez.pglite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Postgres's timeouts (SIGALRM from setitimer) and a cancel from another thread (SIGINT) end the statement
 * with 57014 through Postgres's own error path, both while it sleeps and while it computes, and the engine
 * keeps working afterwards.
 */
class TimeoutsAndCancelTest extends OneEngineTest {
    /** A statement that runs for minutes without calling the host: only a safepoint can stop it. */
    private static final String LONG_COMPUTATION = "SELECT count(*) FROM generate_series(1, 2000000000)";

    private Replies run(String sql) {
        return new Replies(pg.execProtocolRaw(Frontend.query(sql)));
    }

    private void assertStillWorks() {
        Replies after = run("SELECT 41 + 1");
        assertEquals("42", after.single());
        assertEquals('I', after.readyStatus());
    }

    private static Map<Character, String> onlyError(Replies replies) {
        assertEquals(1, replies.errors().size(), replies.types());
        return replies.errors().get(0);
    }

    @Test
    void statementTimeoutStopsASleep() {
        long start = System.nanoTime();
        Replies replies = run("SET statement_timeout = '100ms'; SELECT pg_sleep(20)");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Map<Character, String> error = onlyError(replies);
        assertEquals("57014", error.get('C'));
        assertEquals("canceling statement due to statement timeout", error.get('M'));
        assertTrue(millis < 10_000, "took " + millis + " ms");
        run("RESET statement_timeout");
        assertStillWorks();
    }

    @Test
    void statementTimeoutStopsAComputation() {
        Replies replies = run("SET statement_timeout = '200ms'; " + LONG_COMPUTATION);
        assertEquals("57014", onlyError(replies).get('C'));
        run("RESET statement_timeout");
        assertStillWorks();
    }

    @Test
    void aTimeoutInsideATransactionAbortsOnlyThatTransaction() {
        run("CREATE TABLE IF NOT EXISTS timeout_rows (n int)");
        Replies replies = run("BEGIN; INSERT INTO timeout_rows VALUES (1); SET LOCAL statement_timeout = '100ms'; "
                + "SELECT pg_sleep(20)");
        assertEquals("57014", onlyError(replies).get('C'));
        assertEquals('E', replies.readyStatus());
        assertEquals('I', run("ROLLBACK").readyStatus());
        assertEquals("0", run("SELECT count(*) FROM timeout_rows").single());
    }

    /**
     * As on real Postgres the timeout ends the session with a FATAL; here the client sees it on its next call,
     * the open transaction is rolled back and a new session is already running.
     */
    @Test
    void idleInTransactionTimeoutEndsTheSessionAndRollsBack() throws Exception {
        run("CREATE TABLE IF NOT EXISTS idle_rows (n int)");
        run("SET idle_in_transaction_session_timeout = '100ms'; BEGIN; INSERT INTO idle_rows VALUES (1)");
        Thread.sleep(400);
        SessionEndedException ended = assertThrows(SessionEndedException.class, () -> run("SELECT 1"));
        Map<Character, String> fatal = new Replies(ended.output()).errors().get(0);
        assertEquals("FATAL", fatal.get('S'));
        assertEquals("25P03", fatal.get('C'));
        assertEquals("0", run("SELECT count(*) FROM idle_rows").single());
        assertEquals("0", run("SHOW idle_in_transaction_session_timeout").single());
    }

    @Test
    void cancelFromAnotherThreadStopsASleep() throws Exception {
        assertCancels("SELECT pg_sleep(60)");
    }

    @Test
    void cancelFromAnotherThreadStopsAComputation() throws Exception {
        assertCancels(LONG_COMPUTATION);
    }

    private void assertCancels(String sql) throws Exception {
        CompletableFuture<Replies> running = CompletableFuture.supplyAsync(() -> run(sql));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!pg.cancel()) { // false until the statement is running
            assertTrue(System.nanoTime() < deadline, "the statement never started");
            Thread.sleep(20);
        }
        Map<Character, String> error = onlyError(running.get(30, TimeUnit.SECONDS));
        assertEquals("57014", error.get('C'));
        assertEquals("canceling statement due to user request", error.get('M'));
        assertStillWorks();
    }

    @Test
    void aCancelWithNothingRunningDoesNotReachTheNextStatement() {
        assertFalse(pg.cancel());
        assertEquals("1", run("SELECT 1").single());
    }
}
