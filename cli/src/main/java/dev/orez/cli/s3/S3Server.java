package dev.orez.cli.s3;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * orez's local S3-compatible server: path-style S3 over HTTP on 127.0.0.1, objects stored as plain files
 * under {@code <dataDir>/s3}. Start it with {@link #start(S3Config)}, stop it with {@link #close()}.
 *
 * <pre>{@code
 * try (S3Server s3 = S3Server.start(S3Config.of(Path.of(".orez")))) {
 *     // point an S3 client at s3.endpoint() with path-style access and any credentials
 * }
 * }</pre>
 */
public final class S3Server implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(S3Server.class.getName());

    private static final String HOST = "127.0.0.1";
    /**
     * Presigned URLs put the whole signature in the request line, and keys may be 1024 bytes of
     * percent-encoded UTF-8 (three characters per byte).
     */
    private static final int MAX_REQUEST_LINE = 16 * 1024;
    /** Larger body pieces than Netty's 8 KiB default mean fewer hand-offs to the storage executor per upload. */
    private static final int MAX_BODY_PIECE = 64 * 1024;

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 5;

    private final EventLoopGroup eventLoops;
    private final EventExecutorGroup storageThreads;
    private final Channel listener;
    private final OpenConnections connections;
    private final Path storageRoot;

    private S3Server(
            EventLoopGroup eventLoops,
            EventExecutorGroup storageThreads,
            Channel listener,
            OpenConnections connections,
            Path root) {
        this.eventLoops = eventLoops;
        this.storageThreads = storageThreads;
        this.listener = listener;
        this.connections = connections;
        this.storageRoot = root;
    }

    /**
     * Creates the storage directory if needed and starts listening.
     *
     * @throws IOException if the storage cannot be created or the port cannot be bound (already in use)
     */
    public static S3Server start(S3Config config) throws IOException {
        ObjectStore store = ObjectStore.open(config.storageRoot());
        OpenConnections connections = new OpenConnections();
        int cores = Runtime.getRuntime().availableProcessors();
        EventLoopGroup eventLoops = new NioEventLoopGroup(cores, new DefaultThreadFactory("orez-s3-io"));
        // Operations block on file I/O, so they run here rather than on the event loops (see S3RequestHandler).
        EventExecutorGroup storageThreads =
                new DefaultEventExecutorGroup(Math.max(4, 2 * cores), new DefaultThreadFactory("orez-s3-storage"));
        try {
            Channel listener = bootstrap(eventLoops, storageThreads, new S3Router(store), connections)
                    .bind(new InetSocketAddress(HOST, config.port()))
                    .sync()
                    .channel();
            S3Server server = new S3Server(
                    eventLoops,
                    storageThreads,
                    listener,
                    connections,
                    store.paths().root());
            LOG.log(Level.INFO, "S3 server listening on {0}, storing under {1}", server.endpoint(), server.storageRoot);
            return server;
        } catch (Exception e) {
            shutDown(eventLoops, storageThreads);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while binding port " + config.port());
            }
            throw e instanceof IOException io
                    ? io
                    : new IOException("cannot listen on " + HOST + ":" + config.port(), e);
        }
    }

    /**
     * Each connection: Netty's HTTP/1.1 codec, keep-alive and {@code Expect: 100-continue} handling (the AWS
     * SDKs and CLI ask before sending an upload body), then the request handler on a storage thread.
     */
    private static ServerBootstrap bootstrap(
            EventLoopGroup eventLoops,
            EventExecutorGroup storageThreads,
            S3Router router,
            OpenConnections connections) {
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setMaxChunkSize(MAX_BODY_PIECE);
        return new ServerBootstrap()
                .group(eventLoops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(connections)
                                .addLast(new HttpServerCodec(decoder))
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new HttpServerExpectContinueHandler())
                                .addLast(storageThreads, new S3RequestHandler(router));
                    }
                });
    }

    /** The port listened on; the one picked by the system when the configuration asked for port 0. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The URL S3 clients use as their endpoint, with path-style addressing. */
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port());
    }

    /** The directory holding the buckets. */
    public Path storageRoot() {
        return storageRoot;
    }

    /**
     * Stops listening, closes open connections and waits for running requests to finish. Uploads cut off by
     * the close leave nothing behind.
     */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.closeAll(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        shutDown(eventLoops, storageThreads);
    }

    /** Event loops first: a storage thread may still be finishing a request whose connection is gone. */
    private static void shutDown(EventLoopGroup eventLoops, EventExecutorGroup storageThreads) {
        eventLoops
                .shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .syncUninterruptibly();
        storageThreads
                .shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .syncUninterruptibly();
    }
}
