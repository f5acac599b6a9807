package dev.orez;

import dev.orez.cli.log.LogLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link Orez#start} needs, with the original orez's defaults. Immutable; start from
 * {@link #builder()}. Ports are preferences: a taken port moves to the next free one.
 */
public final class OrezConfig {
    public static final int DEFAULT_PG_PORT = 6434;
    public static final int DEFAULT_ZERO_PORT = 5849;
    public static final int DEFAULT_S3_PORT = 9200;

    private final Path dataDir;
    private final Path projectDir;
    private final int pgPort;
    private final int zeroPort;
    private final String pgUser;
    private final String pgPassword;
    private final Path migrationsDir;
    private final Path seedFile;
    private final boolean skipZeroCache;
    private final LogLevel logLevel;
    private final boolean s3;
    private final int s3Port;
    private final boolean disableWasmSqlite;
    private final String onDbReady;
    private final String onHealthy;
    private final BeforeZero beforeZero;
    private final Map<String, String> environment;
    private final Duration healthTimeout;

    private OrezConfig(Builder b) {
        this.dataDir = b.dataDir;
        this.projectDir = b.projectDir;
        this.pgPort = b.pgPort;
        this.zeroPort = b.zeroPort;
        this.pgUser = b.pgUser;
        this.pgPassword = b.pgPassword;
        this.migrationsDir = b.migrationsDir;
        this.seedFile = b.seedFile;
        this.skipZeroCache = b.skipZeroCache;
        this.logLevel = b.logLevel;
        this.s3 = b.s3;
        this.s3Port = b.s3Port;
        this.disableWasmSqlite = b.disableWasmSqlite;
        this.onDbReady = b.onDbReady;
        this.onHealthy = b.onHealthy;
        this.beforeZero = b.beforeZero;
        this.environment = Map.copyOf(b.environment);
        this.healthTimeout = b.healthTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the three databases, zero-cache's replica and S3 objects live ({@code .orez}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The user's project: where {@code node_modules/@rocicorp/zero} and the default seed file are looked for. */
    public Path projectDir() {
        return projectDir;
    }

    public int pgPort() {
        return pgPort;
    }

    public int zeroPort() {
        return zeroPort;
    }

    public String pgUser() {
        return pgUser;
    }

    public String pgPassword() {
        return pgPassword;
    }

    public Optional<Path> migrationsDir() {
        return Optional.ofNullable(migrationsDir);
    }

    /** The seed file; empty means the original's default, {@code src/database/seed.sql} in the project. */
    public Optional<Path> seedFile() {
        return Optional.ofNullable(seedFile);
    }

    public boolean skipZeroCache() {
        return skipZeroCache;
    }

    public LogLevel logLevel() {
        return logLevel;
    }

    public boolean s3() {
        return s3;
    }

    public int s3Port() {
        return s3Port;
    }

    public boolean disableWasmSqlite() {
        return disableWasmSqlite;
    }

    public Optional<String> onDbReady() {
        return Optional.ofNullable(onDbReady);
    }

    public Optional<String> onHealthy() {
        return Optional.ofNullable(onHealthy);
    }

    public Optional<BeforeZero> beforeZero() {
        return Optional.ofNullable(beforeZero);
    }

    /** The environment zero-cache inherits and hooks extend (the process's own unless set). */
    public Map<String, String> environment() {
        return environment;
    }

    public Duration healthTimeout() {
        return healthTimeout;
    }

    /** Runs after {@code --on-db-ready} and before zero-cache starts, with the databases up and served. */
    @FunctionalInterface
    public interface BeforeZero {
        void run(Orez orez) throws Exception;
    }

    public static final class Builder {
        private Path dataDir = Path.of(".orez");
        private Path projectDir = Path.of("");
        private int pgPort = DEFAULT_PG_PORT;
        private int zeroPort = DEFAULT_ZERO_PORT;
        private String pgUser = "user";
        private String pgPassword = "password";
        private Path migrationsDir;
        private Path seedFile;
        private boolean skipZeroCache;
        private LogLevel logLevel = LogLevel.WARN;
        private boolean s3;
        private int s3Port = DEFAULT_S3_PORT;
        private boolean disableWasmSqlite;
        private String onDbReady;
        private String onHealthy;
        private BeforeZero beforeZero;
        private Map<String, String> environment = System.getenv();
        private Duration healthTimeout = Duration.ofSeconds(60);

        private Builder() {}

        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir);
            return this;
        }

        public Builder projectDir(Path projectDir) {
            this.projectDir = Objects.requireNonNull(projectDir);
            return this;
        }

        /** 0 lets the system pick a free port. */
        public Builder pgPort(int port) {
            this.pgPort = checkPort(port);
            return this;
        }

        /** 0 lets the system pick a free block of three ports (zero-cache also uses port + 1 and + 2). */
        public Builder zeroPort(int port) {
            this.zeroPort = checkPort(port);
            return this;
        }

        public Builder credentials(String user, String password) {
            this.pgUser = Objects.requireNonNull(user);
            this.pgPassword = Objects.requireNonNull(password);
            return this;
        }

        public Builder migrationsDir(Path directory) {
            this.migrationsDir = directory;
            return this;
        }

        public Builder seedFile(Path file) {
            this.seedFile = file;
            return this;
        }

        public Builder skipZeroCache(boolean skip) {
            this.skipZeroCache = skip;
            return this;
        }

        public Builder logLevel(LogLevel level) {
            this.logLevel = Objects.requireNonNull(level);
            return this;
        }

        /** Also serve the local S3 server on {@code port} (not moved when taken: S3 clients are configured with it). */
        public Builder s3(boolean enabled, int port) {
            this.s3 = enabled;
            this.s3Port = checkPort(port);
            return this;
        }

        public Builder disableWasmSqlite(boolean disable) {
            this.disableWasmSqlite = disable;
            return this;
        }

        /** A shell command run once the databases are served, before zero-cache starts. */
        public Builder onDbReady(String command) {
            this.onDbReady = blankToNull(command);
            return this;
        }

        /** A shell command run once zero-cache is healthy (or right after on-db-ready without zero-cache). */
        public Builder onHealthy(String command) {
            this.onHealthy = blankToNull(command);
            return this;
        }

        public Builder beforeZero(BeforeZero callback) {
            this.beforeZero = callback;
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment);
            return this;
        }

        public Builder healthTimeout(Duration timeout) {
            this.healthTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public OrezConfig build() {
            return new OrezConfig(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
            return port;
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text;
        }
    }
}
