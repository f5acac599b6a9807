package dev.orez.cli.s3;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Tracks the open connections, as the first handler of every connection's pipeline. Tearing down a
 * pipeline passes work between the connection's event loop and its storage thread, so the server must let
 * every teardown finish before stopping either kind of thread, or Netty drops the last steps with warnings.
 * The first handler is removed last, which is how this knows a teardown has finished.
 */
@Sharable
final class OpenConnections extends ChannelHandlerAdapter {
    private final Set<Channel> channels = new HashSet<>();

    @Override
    public synchronized void handlerAdded(ChannelHandlerContext ctx) {
        channels.add(ctx.channel());
    }

    @Override
    public synchronized void handlerRemoved(ChannelHandlerContext ctx) {
        channels.remove(ctx.channel());
        notifyAll();
    }

    /** Closes every connection and waits, up to the timeout, until each pipeline has been torn down. */
    synchronized void closeAll(long timeout, TimeUnit unit) {
        channels.forEach(Channel::close);
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        boolean interrupted = false;
        for (long left = deadline - System.nanoTime();
                !channels.isEmpty() && left > 0;
                left = deadline - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
