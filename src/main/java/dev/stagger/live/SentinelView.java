package dev.stagger.live;

import java.util.Map;

/**
 * One monitored master as one sentinel sees it ({@code SENTINEL MASTERS} entry, plus its
 * {@code GET-MASTER-ADDR-BY-NAME} and {@code CKQUORUM} answers).
 *
 * @param masterAddress     {@code ip:port} from GET-MASTER-ADDR-BY-NAME, or null if it does not know the name
 * @param numOtherSentinels how many other sentinels it counts as voters
 * @param knownSentinels    entries of {@code SENTINEL SENTINELS name}
 * @param knownReplicas     entries of {@code SENTINEL REPLICAS name}
 * @param quorumOk          CKQUORUM said OK
 * @param quorumMessage     CKQUORUM's reply text
 */
public record SentinelView(String name, String masterAddress, String flags, int numOtherSentinels, int quorum,
                           int knownSentinels, int knownReplicas, boolean quorumOk, String quorumMessage) {

    static SentinelView of(String name, Map<String, String> master, String address, int sentinels, int replicas,
                           boolean quorumOk, String quorumMessage) {
        return new SentinelView(name, address,
                master == null ? "" : master.getOrDefault("flags", ""),
                master == null ? 0 : intOf(master.get("num-other-sentinels")),
                master == null ? 0 : intOf(master.get("quorum")),
                sentinels, replicas, quorumOk, quorumMessage);
    }

    /** The sentinel itself thinks the master is down (subjectively or objectively). */
    public boolean masterDown() {
        return flags.contains("s_down") || flags.contains("o_down");
    }

    public boolean failoverInProgress() {
        return flags.contains("failover_in_progress");
    }

    private static int intOf(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
