package dev.orez.proxy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxy's numbers for docs/benchmarks.md (run by bench/proxy.sh, not by the test suite): SELECT 1
 * round trips through the proxy with pgjdbc and with psql, single-row INSERT throughput, and 8 pgjdbc
 * clients doing prepared INSERT/SELECT pairs at once.
 */
public final class ProxyBenchmark {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Engines.proxy();
        try (Connection connection = Engines.connect();
                Statement statement = connection.createStatement()) {
            double[] select = new double[runs];
            for (int i = -runs / 4; i < runs; i++) {
                long t = System.nanoTime();
                try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                    rows.next();
                }
                if (i >= 0) {
                    select[i] = ms(t);
                }
            }
            Arrays.sort(select);
            row("pgjdbc SELECT 1 round trip p50 (" + runs + " runs)", percentile(select, 50), "ms");
            row("pgjdbc SELECT 1 round trip p99", percentile(select, 99), "ms");

            statement.execute("DROP TABLE IF EXISTS bench_insert");
            statement.execute("CREATE TABLE bench_insert (id int, payload text)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_insert VALUES (?, ?)")) {
                long t = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "row " + i);
                    insert.executeUpdate();
                }
                row("pgjdbc single-row INSERT, autocommit, prepared", runs / (ms(t) / 1000), "rows/s");
            }
        }
        psqlRoundTrips(runs);
        eightClients(300);
        System.exit(0); // the engines and the proxy's event loops would keep the JVM alive
    }

    /** psql reads a script of SELECT 1 statements with \timing on and reports each statement's time. */
    private static void psqlRoundTrips(int runs) throws Exception {
        String script = "\\timing on\n" + "SELECT 1;\n".repeat(runs);
        ClientProcess psql = ClientProcess.run(
                Path.of("."), Map.of("PGPASSWORD", Engines.PASSWORD), Engines.psql("-q", "-f", "-"), script);
        Matcher time = Pattern.compile("Time: ([0-9.]+) ms").matcher(psql.stdout());
        List<Double> times = new ArrayList<>();
        while (time.find()) {
            times.add(Double.parseDouble(time.group(1)));
        }
        double[] sorted = times.stream()
                .skip(runs / 4)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        row("psql SELECT 1 round trip p50 (\\timing, " + sorted.length + " runs)", percentile(sorted, 50), "ms");
        row("psql SELECT 1 round trip p99", percentile(sorted, 99), "ms");
    }

    private static void eightClients(int rounds) throws Exception {
        try (Connection setup = Engines.connect()) {
            setup.createStatement().execute("DROP TABLE IF EXISTS bench_clients");
            setup.createStatement().execute("CREATE TABLE bench_clients (client int, n int, payload text)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long t = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                try (Connection connection = Engines.connect();
                        PreparedStatement insert =
                                connection.prepareStatement("INSERT INTO bench_clients VALUES (?, ?, ?)");
                        PreparedStatement select = connection.prepareStatement(
                                "SELECT payload FROM bench_clients WHERE client = ? AND n = ?")) {
                    for (int n = 0; n < rounds; n++) {
                        insert.setInt(1, client);
                        insert.setInt(2, n);
                        insert.setString(3, "payload");
                        insert.executeUpdate();
                        select.setInt(1, client);
                        select.setInt(2, n);
                        select.executeQuery().close();
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        double seconds = ms(t) / 1000;
        pool.shutdown();
        row("8 pgjdbc clients x " + rounds + " prepared INSERT+SELECT pairs", 8 * rounds * 2 / seconds, "statements/s");
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static void row(String what, double value, String unit) {
        System.out.printf("| %s | %.2f %s |%n", what, value, unit);
    }
}
