package dev.orez.proxy;

import dev.orez.pglite.PGlite;
import dev.orez.proxy.rewrite.RewriteRules;
import dev.orez.proxy.wire.FrontendDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Postgres wire-protocol server in front of the PGlite engines: one port, every client (psql, pgjdbc,
 * postgres.js, zero-cache) routed by the database name it asks for.
 */
public final class PgProxy implements ProxyContext, AutoCloseable {
    private final ProxyConfig config;
    private final Map<String, SharedEngine> engines;
    private final RewriteRules rewrites;
    private final EventLoopGroup acceptor = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(2);
    private final Map<Integer, Registration> connections = new ConcurrentHashMap<>();
    private final AtomicInteger processIds = new AtomicInteger(1000);
    private final SecureRandom random = new SecureRandom();
    private Channel listener;

    private record Registration(int secret, ClientSession session) {}

    private PgProxy(ProxyConfig config) {
        this.config = config;
        this.engines = sharedEngines(config.databases());
        this.rewrites =
                RewriteRules.standard(engines.get(config.defaultDatabase()).serverVersion());
        if (config.walSenders() != null) {
            engines.get(config.defaultDatabase()).replicatedBy(config.walSenders());
        }
    }

    /** Several names may share one engine (a single-database setup): they then share its ownership too. */
    private static Map<String, SharedEngine> sharedEngines(Map<String, PGlite> databases) {
        Map<PGlite, SharedEngine> byEngine = new IdentityHashMap<>();
        Map<String, SharedEngine> byName = new ConcurrentHashMap<>();
        databases.forEach(
                (name, engine) -> byName.put(name, byEngine.computeIfAbsent(engine, e -> SharedEngine.start(name, e))));
        return byName;
    }

    /** Starts listening; the engines must be open and stay open until {@link #close()}. */
    public static PgProxy start(ProxyConfig config) {
        PgProxy proxy = new PgProxy(config);
        try {
            proxy.listener = new ServerBootstrap()
                    .group(proxy.acceptor, proxy.workers)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            FrontendDecoder decoder = new FrontendDecoder();
                            channel.pipeline().addLast("decoder", decoder);
                            channel.pipeline().addLast("startup", new StartupHandler(proxy, decoder));
                        }
                    })
                    .bind(new InetSocketAddress(config.host(), config.port()))
                    .syncUninterruptibly()
                    .channel();
            return proxy;
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    ProxyConfig config() {
        return config;
    }

    /** The engine for a database name; names without one go to the default database, as in the original. */
    SharedEngine route(String database) {
        return engines.getOrDefault(database, engines.get(config.defaultDatabase()));
    }

    int nextProcessId() {
        return processIds.getAndIncrement();
    }

    int newSecret() {
        return random.nextInt();
    }

    void register(int processId, int secret, ClientSession session) {
        connections.put(processId, new Registration(secret, session));
    }

    /** A CancelRequest: honoured only with the secret the connection was given. */
    void cancel(int processId, int secret) {
        Registration registration = connections.get(processId);
        if (registration != null && registration.secret == secret) {
            registration.session.cancelRunningStatement();
        }
    }

    @Override
    public void forget(int processId) {
        connections.remove(processId);
    }

    @Override
    public RewriteRules rewrites() {
        return rewrites;
    }

    @Override
    public Duration idleInTransactionTimeout() {
        return config.idleInTransactionTimeout();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
