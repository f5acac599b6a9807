package dev.orez.cli;

import dev.orez.cli.log.Component;
import dev.orez.cli.log.Log;
import dev.orez.cli.s3.S3Config;
import dev.orez.cli.s3.S3Server;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code orez s3}: only the local S3 server, until Ctrl-C or SIGTERM. */
@Command(
        name = "s3",
        mixinStandardHelpOptions = true,
        versionProvider = OrezVersion.class,
        sortOptions = false,
        description = "Runs only the local S3-compatible server (objects stored under DATA_DIR/s3, 127.0.0.1 only).")
final class S3Command implements Callable<Integer> {
    private static final Log LOG = Log.of(Component.S3);

    @Option(
            names = {"--s3-port", "--port"},
            paramLabel = "PORT",
            description = "Port. Default: ${DEFAULT-VALUE}")
    int port = S3Config.DEFAULT_PORT;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory. Default: ${DEFAULT-VALUE}")
    Path dataDir = Path.of(".orez");

    @Override
    public Integer call() throws InterruptedException {
        S3Server server;
        try {
            server = S3Server.start(new S3Config(dataDir, port));
        } catch (IOException e) {
            LOG.error("could not start the S3 server on port " + port + ": " + e.getMessage());
            return 1;
        }
        LOG.info("S3 ready at " + server.endpoint() + " (objects in "
                + dataDir.resolve("s3").toAbsolutePath() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Signals.onInterruptOrTerminate(() -> {
            server.close();
            stopped.countDown();
        });
        stopped.await();
        return 0;
    }
}
