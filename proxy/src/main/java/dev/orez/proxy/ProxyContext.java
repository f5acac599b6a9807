package dev.orez.proxy;

import dev.orez.proxy.rewrite.RewriteRules;
import java.time.Duration;

/** What every connection needs from the server it belongs to. */
interface ProxyContext {
    RewriteRules rewrites();

    Duration idleInTransactionTimeout();

    /** The connection with this process id is gone; CancelRequests for it no longer apply. */
    void forget(int processId);
}
