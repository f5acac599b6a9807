package dev.orez.proxy;

import dev.orez.pglite.PGlite;
import dev.orez.replication.WalSenderFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** How to run the proxy. Immutable; build with {@link #builder()}. */
public final class ProxyConfig {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Map<String, PGlite> databases;
    private final String defaultDatabase;
    private final WalSenderFactory walSenders;
    private final Duration idleInTransactionTimeout;

    private ProxyConfig(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.user = builder.user;
        this.password = builder.password;
        this.databases = Map.copyOf(builder.databases);
        this.defaultDatabase = builder.defaultDatabase;
        this.walSenders = builder.walSenders;
        this.idleInTransactionTimeout = builder.idleInTransactionTimeout;
        if (!databases.containsKey(defaultDatabase)) {
            throw new IllegalArgumentException("no engine for the default database " + defaultDatabase);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Engines by the database name clients ask for. */
    public Map<String, PGlite> databases() {
        return databases;
    }

    /** Where a database name without an engine of its own goes, as the original orez routes it. */
    public String defaultDatabase() {
        return defaultDatabase;
    }

    /** Null when replication connections are refused. */
    public WalSenderFactory walSenders() {
        return walSenders;
    }

    public Duration idleInTransactionTimeout() {
        return idleInTransactionTimeout;
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 6434;
        private String user = "user";
        private String password = "password";
        private final Map<String, PGlite> databases = new LinkedHashMap<>();
        private String defaultDatabase = "postgres";
        private WalSenderFactory walSenders;
        private Duration idleInTransactionTimeout = Duration.ofSeconds(60);

        /** Defaults to 127.0.0.1: the proxy has a development password and must not face a network. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** 0 picks a free port; {@link PgProxy#port()} tells which. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder credentials(String user, String password) {
            this.user = Objects.requireNonNull(user);
            this.password = Objects.requireNonNull(password);
            return this;
        }

        public Builder database(String name, PGlite engine) {
            databases.put(Objects.requireNonNull(name), Objects.requireNonNull(engine));
            return this;
        }

        public Builder defaultDatabase(String name) {
            this.defaultDatabase = Objects.requireNonNull(name);
            return this;
        }

        public Builder walSenders(WalSenderFactory walSenders) {
            this.walSenders = walSenders;
            return this;
        }

        /**
         * How long a connection may sit idle inside a transaction while others wait for its database before it
         * is ended and rolled back (zero: never).
         */
        public Builder idleInTransactionTimeout(Duration timeout) {
            this.idleInTransactionTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public ProxyConfig build() {
            return new ProxyConfig(this);
        }
    }
}
