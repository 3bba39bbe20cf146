package dev.stagger.live;

import dev.stagger.live.redis.RedisInfo;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import java.util.ArrayList;
import java.util.List;

/**
 * What the split-brain rule says about two masters of one group: what each side holds, and which
 * to keep and how to demote the other, so that following the advice does not wipe the writes.
 */
final class SplitBrainAdvice {
    private SplitBrainAdvice() {
    }

    /** Each master with what it holds: keys, replication offset, writes since the split, replicas, clients. */
    static String sides(GroupState g, List<Endpoint> masters) {
        List<String> out = new ArrayList<>();
        for (Endpoint m : masters) {
            RedisInfo info = g.probe(m).map(RedisProbe::info).orElse(null);
            long since = sinceSplit(g, m, masters);
            out.add(m + (info == null ? "" : " (" + info.keys() + " keys, offset " + info.masterReplOffset()
                    + (since < 0 ? "" : ", " + since + " bytes written since the split") + ", "
                    + info.replicas().size() + " replicas, " + info.connectedClients() + " clients)"));
        }
        return String.join(" and ", out);
    }

    /**
     * Bytes of replication stream a master took since the two sides parted, or -1 when unknown. A
     * promoted side keeps the history it left as {@code master_replid2} and the offset it left it at as
     * {@code second_repl_offset}; the other side's writes since then are its offset past that point.
     * Pings to replicas and sentinel hellos add a little to both.
     */
    static long sinceSplit(GroupState g, Endpoint m, List<Endpoint> masters) {
        RedisInfo me = g.probe(m).map(RedisProbe::info).orElse(null);
        if (me == null) {
            return -1;
        }
        for (Endpoint o : masters) {
            RedisInfo other = o.equals(m) ? null : g.probe(o).map(RedisProbe::info).orElse(null);
            if (other == null) {
                continue;
            }
            if (me.masterReplid2() != null && me.masterReplid2().equals(other.masterReplid()) && me.secondReplOffset() > 0) {
                return Math.max(0, me.masterReplOffset() - (me.secondReplOffset() - 1));
            }
            if (other.masterReplid2() != null && other.masterReplid2().equals(me.masterReplid()) && other.secondReplOffset() > 0) {
                return Math.max(0, me.masterReplOffset() - (other.secondReplOffset() - 1));
            }
        }
        return -1;
    }

    /**
     * Which side to keep and how to demote the other. Demoting the wrong one throws away its data
     * (kubeblocks' wipe), so the data decides: the side that took more writes since the split; when
     * that is unknown or even, the side the sentinels name (where clients that follow them write),
     * else the most keys, else the highest offset. The operator is told to look before running it,
     * and, when the kept side is not the one the sentinels name, to re-point them first (else they
     * would turn it back into a replica of the side being demoted: +convert-to-slave).
     */
    static String demoteAdvice(GroupState g, List<Endpoint> masters) {
        String voted = null;
        for (Instance s : g.sentinelInstances()) {
            SentinelProbe p = g.snapshot.sentinel(s).orElse(null);
            SentinelView v = p == null || !p.reachable() ? null : p.view(g.service.masterName());
            if (v != null && v.masterAddress() != null) {
                voted = v.masterAddress();
            }
        }
        Endpoint keep = masters.get(0);
        String why = null;
        for (Endpoint m : masters.subList(1, masters.size())) {
            long a = sinceSplit(g, m, masters);
            long b = sinceSplit(g, keep, masters);
            if (a >= 0 && b >= 0 && a != b) {
                if (a > b) {
                    keep = m;
                }
                why = "it took the most writes since the split";
            }
        }
        if (why == null) {
            why = "it holds the most data";
            for (Endpoint m : masters) {
                if (voted != null && voted.equals(g.addresses.of(m))) {
                    keep = m;
                    why = "the sentinels name it";
                    break;
                }
                RedisInfo a = g.probe(m).map(RedisProbe::info).orElse(null);
                RedisInfo b = g.probe(keep).map(RedisProbe::info).orElse(null);
                if (a != null && b != null && (a.keys() > b.keys()
                        || a.keys() == b.keys() && a.masterReplOffset() > b.masterReplOffset())) {
                    keep = m;
                }
            }
        }
        String keepAddress = g.addresses.of(keep);
        String hostPort = keepAddress.replaceFirst(":(\\d+)$", " $1");
        List<String> demote = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        for (Endpoint m : masters) {
            if (!m.equals(keep)) {
                demote.add("on " + m + ": REPLICAOF " + hostPort);
                long since = sinceSplit(g, m, masters);
                if (since > 0) {
                    lost.add(m + " took " + since + " bytes of writes since the split");
                }
            }
        }
        String sentinels = "";
        if (g.sentinels != null && voted != null && !voted.equals(keepAddress)) {
            String name = g.service.masterName();
            sentinels = "point the sentinels at it first (they name " + GroupRules.describe(g, voted) + "): on each sentinel SENTINEL REMOVE "
                    + name + ", then SENTINEL MONITOR " + name + " " + hostPort + " " + g.sentinels.quorum()
                    + " (and SENTINEL SET " + name + " auth-pass ... if the group has a password); then ";
        }
        return "keep " + keep + " (" + why + "); first check that the other side holds no writes you need ("
                + (lost.isEmpty() ? "its keys" : String.join(", ", lost)) + ", its clients' last writes: REPLICAOF replaces"
                + " its data with " + keep + "'s), then " + sentinels + String.join("; ", demote)
                + (g.sentinels == null ? "" : "; then check every sentinel names " + keep) + ", and re-run";
    }
}
