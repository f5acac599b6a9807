package dev.orez.pglite;

import java.nio.file.Path;

/**
 * Runs in a separate JVM for the durability tests: inserts a row, then either closes cleanly or reports the
 * commit and waits to be killed. Usage: {@code ChildEngine <dataDir> close|wait <value>}.
 */
public final class ChildEngine {
    public static void main(String[] args) throws Exception {
        PGlite pg = PGlite.open(Path.of(args[0]), PGliteOptions.defaults().withLog(line -> {}));
        pg.execProtocolRaw(Frontend.startup("postgres", "postgres"));
        Replies r = new Replies(pg.execProtocolRaw(Frontend.query(
                "CREATE TABLE IF NOT EXISTS durable (v text); INSERT INTO durable VALUES ('" + args[2] + "')")));
        if (!r.errors().isEmpty() || r.readyStatus() != 'I') {
            throw new IllegalStateException("insert failed: " + r.errors());
        }
        if (args[1].equals("close")) {
            pg.close();
            System.out.println("CLOSED");
        } else {
            System.out.println("COMMITTED"); // the commit has been acknowledged (ReadyForQuery idle)
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
