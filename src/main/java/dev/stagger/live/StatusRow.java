package dev.stagger.live;

/**
 * One instance's line in {@code stagger status}: what it is, whether it is healthy, and how it
 * stands against the inventory. Null fields do not apply to the instance's kind.
 *
 * @param health        {@code ok}, or why not (unreachable, loading, HTTP 503...)
 * @param link          a replica's link ({@code up}, {@code down}, {@code syncing}); a master's replica count
 * @param lagBytes      a replica's replication offset behind its master
 * @param memoryPercent used memory against maxmemory (or the host's memory)
 * @param quorum        a sentinel's view: master address, other sentinels, CKQUORUM
 * @param drift         how it differs from the inventory, or null
 */
public record StatusRow(String service, String kind, String instance, String address, String role, boolean healthy,
                        String health, String link, Long lagBytes, Double memoryPercent, String quorum, String drift) {
}
