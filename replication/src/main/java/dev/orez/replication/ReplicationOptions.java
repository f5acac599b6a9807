package dev.orez.replication;

import java.time.Duration;
import java.util.Set;

/**
 * How replication runs.
 *
 * @param publications the publications whose tables are tracked (zero-cache's {@code ZERO_APP_PUBLICATIONS});
 *     empty tracks the tables of every publication
 * @param keepaliveInterval how long an idle stream stays silent before a primary keepalive
 * @param safetyPoll how often an idle stream looks for changes anyway, in case a wake-up was missed
 */
public record ReplicationOptions(Set<String> publications, Duration keepaliveInterval, Duration safetyPoll) {
    public ReplicationOptions {
        publications = Set.copyOf(publications);
    }

    public static ReplicationOptions defaults() {
        return new ReplicationOptions(Set.of(), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public ReplicationOptions withPublications(Set<String> names) {
        return new ReplicationOptions(names, keepaliveInterval, safetyPoll);
    }
}
