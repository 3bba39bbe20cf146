package dev.stagger.live;

import dev.stagger.live.redis.RedisInfo;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The live rules over one redis group and its sentinels; each method is one rule. */
final class GroupRules {
    private GroupRules() {
    }

    /** split-brain: two instances say role:master, or the sentinels disagree on (or with) the master. */
    static void splitBrain(GroupState g, Findings f) {
        List<Endpoint> masters = g.masters();
        String name = g.service.name();
        if (masters.size() > 1) {
            f.error("split-brain", name, name + " has " + masters.size() + " instances reporting role:master at once: "
                            + SplitBrainAdvice.sides(g, masters) + "; writes to either may be lost",
                    SplitBrainAdvice.demoteAdvice(g, masters));
            return;
        }
        if (g.sentinels == null) {
            return;
        }
        Set<String> claimed = new LinkedHashSet<>();
        List<String> who = new ArrayList<>();
        for (Instance s : g.sentinelInstances()) {
            SentinelProbe p = g.snapshot.sentinel(s).orElse(null);
            SentinelView v = p == null || !p.reachable() ? null : p.view(g.service.masterName());
            if (v != null && v.masterAddress() != null) {
                claimed.add(v.masterAddress());
                who.add(s.endpoint() + " says " + describe(g, v.masterAddress()));
            }
        }
        if (claimed.size() > 1) {
            f.error("split-brain", name, "the sentinels of " + name + " disagree on its master: " + String.join("; ", who),
                    sentinelRepair(g, who));
            return;
        }
        Optional<Endpoint> master = g.master();
        if (claimed.size() == 1 && master.isPresent()) {
            String live = g.addresses.of(master.get());
            String said = claimed.iterator().next();
            if (!said.equals(live)) {
                f.error("split-brain", name, "the sentinels say the master of " + name + " is "
                                + describe(g, said) + ", but the instance reporting role:master is " + master.get(),
                        "wait for the sentinels to catch up (a failover may be running), or fix the topology by hand, then re-run");
            }
        }
    }

    /**
     * Sentinels that disagree: if a failover is running, it ends on its own; otherwise re-monitoring
     * the wrong ones converges (SENTINEL RESET alone did not in 42 s on a real lab; REMOVE and
     * MONITOR did). The master to monitor is the instance ROLE says is master.
     */
    private static String sentinelRepair(GroupState g, List<String> who) {
        String name = g.service.masterName();
        Optional<Endpoint> master = g.master();
        if (master.isEmpty()) {
            return "wait for the running failover to finish; if the sentinels still disagree, find the real master"
                    + " (ROLE on each instance), then on each wrong sentinel SENTINEL REMOVE " + name + " and SENTINEL MONITOR "
                    + name + " <ip> <port> " + (g.sentinels == null ? "<quorum>" : g.sentinels.quorum()) + ", and re-run";
        }
        String address = g.addresses.of(master.get()).replaceFirst(":(\\d+)$", " $1");
        return "wait a few seconds for a running failover to finish; if they still disagree, on each sentinel that does"
                + " not name " + master.get() + ": SENTINEL REMOVE " + name + ", then SENTINEL MONITOR " + name + " " + address
                + " " + (g.sentinels == null ? "<quorum>" : g.sentinels.quorum())
                + " (and SENTINEL SET " + name + " auth-pass ... if the group has a password), then re-run";
    }

    /** unreachable: an instance of the group that should be up does not answer, or is loading. */
    static void unreachable(GroupState g, Set<Instance> expectedDown, Findings f, String why) {
        for (Endpoint e : g.service.instances()) {
            Instance i = g.instance(e);
            if (expectedDown.contains(i)) {
                continue;
            }
            RedisProbe p = g.snapshot.redis(i).orElse(null);
            if (p != null && !p.healthy()) {
                f.error(p.failureRule(), i.toString(), i + " (" + p.address() + ") " + p.reason() + why, p.failureFix(e.host()));
            }
        }
        if (g.masters().isEmpty() && g.service.instances().stream().anyMatch(e -> g.probe(e).map(RedisProbe::healthy).orElse(false))) {
            f.error("unreachable", g.service.name(), "no instance of " + g.service.name() + " reports role:master",
                    "promote a replica (SENTINEL FAILOVER " + g.service.masterName() + " or REPLICAOF NO ONE) before any maintenance");
        }
    }

    /** replica-sync: every replica in {@code replicas} must be linked, not syncing, and within max_lag. */
    static void replicaSync(GroupState g, List<Endpoint> replicas, Findings f, String why) {
        for (Endpoint e : replicas) {
            String reason = g.outOfSync(e);
            if (reason != null) {
                Instance i = g.instance(e);
                Optional<Endpoint> master = g.master();
                String fix = reason.startsWith("it replicates from") && master.isPresent()
                        ? "re-point it: on " + e + " run REPLICAOF " + g.addresses.of(master.get()).replaceFirst(":(\\d+)$", " $1")
                                + " (waiting will not help: it follows an address that is not the master)"
                        : "wait until " + i + " reports master_link_status:up, master_sync_in_progress:0 and catches up "
                                + "(run waits up to --wait-safe), or find out why it fell behind";
                f.error("replica-sync", i.toString(), i + " is not in sync: " + reason + why, fix);
            }
        }
    }

    /** resync: a full sync in the group means a step now adds load or loses the only full copy. */
    static void resync(GroupState g, Severity severity, Findings f) {
        String reason = g.resyncing();
        if (reason == null) {
            return;
        }
        String msg = g.service.name() + " is resynchronising: " + reason;
        String fix = "wait for the sync to finish (INFO replication: master_sync_in_progress:0, every replica state=online)";
        if (severity == Severity.ERROR) {
            f.error("resync", g.service.name(), msg, fix);
        } else {
            f.warning("resync", g.service.name(), msg, fix);
        }
    }

    /**
     * persistence: an instance about to stop is writing an RDB or rewriting its AOF, or is a master
     * with no replica holding changes that exist nowhere on disk.
     */
    static void persistence(GroupState g, Endpoint e, Severity severity, String why, Findings f) {
        persistence(g.instance(e), g.probe(e).orElse(null), severity, why, f);
    }

    /**
     * Every replica that will re-point to the new master must be able to continue from the target's
     * replication backlog (PSYNC); one whose offset is older than the backlog's first byte needs a full
     * resync: the target forks to serve it, with the fork's memory and latency (redis#13483, seed 002).
     * Refused unless the operator allows it (run --allow-full-resync). The fork's memory is a separate
     * memory-headroom finding, which the flag does not waive.
     */
    static void fullResync(GroupState g, Endpoint target, Set<Instance> down, int headroomPercent, Findings f) {
        RedisProbe tp = g.probe(target).orElse(null);
        if (tp == null || tp.info() == null) {
            return;
        }
        RedisInfo t = tp.info();
        if (!t.replBacklogActive() || t.replBacklogFirstByteOffset() < 0) {
            // Nothing to judge by: Redis creates the backlog at promotion, and a replica at the target's own
            // offset (the old master, once stagger has waited for equal offsets) continues from it.
            return;
        }
        List<String> full = new ArrayList<>();
        for (Endpoint e : g.service.instances()) {
            Instance i = g.instance(e);
            RedisProbe p = e.equals(target) || down.contains(i) ? null : g.probe(e).orElse(null);
            if (p == null || !p.healthy() || p.info() == null) {
                continue;
            }
            long offset = p.isMaster() ? p.info().masterReplOffset() : p.info().replOffset();
            if (offset < t.replBacklogFirstByteOffset()) {
                full.add(e + " (offset " + offset + ", the target's backlog starts at " + t.replBacklogFirstByteOffset() + ")");
            }
        }
        if (full.isEmpty()) {
            return;
        }
        f.error("full-resync", g.instance(target).toString(), "after failing over to " + target + ", "
                        + String.join(", ", full) + " would need a full resync (no partial resync from the backlog)",
                "let the lagging replicas catch up first (run waits up to --wait-safe), raise repl-backlog-size on "
                        + target + ", or accept the full resync with run --allow-full-resync");
        forkHeadroom(g, target, t, headroomPercent, f);
    }

    /**
     * The full sync's fork can copy up to every page the parent writes meanwhile: up to twice the
     * target's used memory. Copy-on-write pages are not counted against maxmemory, but hosts are sized
     * for it, so it stands for the host here (the host's memory when maxmemory is 0).
     */
    private static void forkHeadroom(GroupState g, Endpoint target, RedisInfo t, int headroomPercent, Findings f) {
        long limit = t.memoryLimit();
        if (limit <= 0 || t.usedMemory() * 2 <= limit * headroomPercent / 100) {
            return;
        }
        String of = t.maxmemory() > 0 ? "its maxmemory " + t.maxmemory() : "the host's memory " + t.totalSystemMemory();
        f.error("memory-headroom", g.instance(target).toString(), "the fork with which " + target
                        + " would serve that full resync may need up to twice its used_memory " + t.usedMemory()
                        + ", more than " + headroomPercent + "% of " + of + " (seed 002: memory pressure takes the service down)",
                "avoid the full resync (let the replicas catch up first), or free memory or raise maxmemory on " + target
                        + " before this failover");
    }

    /** The same for any Redis instance (a group member or a cluster node) and its probe. */
    static void persistence(Instance i, RedisProbe p, Severity severity, String why, Findings f) {
        if (p == null || p.info() == null) {
            return;
        }
        RedisInfo info = p.info();
        String msg = null;
        String fix = null;
        if (info.rdbBgsaveInProgress()) {
            msg = i + " is writing an RDB snapshot (rdb_bgsave_in_progress:1)";
            fix = "wait for the BGSAVE to finish (INFO persistence: rdb_bgsave_in_progress:0)";
        } else if (info.aofRewriteInProgress()) {
            msg = i + " is rewriting its AOF (aof_rewrite_in_progress:1)";
            fix = "wait for the rewrite to finish (INFO persistence: aof_rewrite_in_progress:0)";
        } else if (p.isMaster() && info.replicas().isEmpty() && !info.aofEnabled() && info.rdbChangesSinceLastSave() > 0) {
            msg = i + " is a master with no replica and " + info.rdbChangesSinceLastSave()
                    + " changes not saved to disk (no AOF): stopping it loses them";
            fix = "run BGSAVE and wait for it, or attach a replica, before stopping it";
        }
        if (msg == null) {
            return;
        }
        if (severity == Severity.ERROR) {
            f.error("persistence", i.toString(), msg + why, fix);
        } else {
            f.warning("persistence", i.toString(), msg + why, fix);
        }
    }

    /** memory-headroom: an instance that would take over as master is already near its memory limit. */
    static void memoryHeadroom(GroupState g, Endpoint e, int percent, Severity severity, String why, Findings f) {
        memoryHeadroom(g.instance(e), g.probe(e).orElse(null), percent, severity, why, f);
    }

    /** The same for any Redis instance (a group member or a cluster node) and its probe. */
    static void memoryHeadroom(Instance i, RedisProbe p, int percent, Severity severity, String why, Findings f) {
        if (p == null || p.info() == null) {
            return;
        }
        RedisInfo info = p.info();
        double used = info.memoryPercent();
        if (used <= percent) {
            return;
        }
        String limit = info.maxmemory() > 0 ? "maxmemory " + info.maxmemory() : "the host's memory " + info.totalSystemMemory();
        String msg = i + " uses " + String.format(Locale.ROOT, "%.0f%%", used) + " of " + limit
                + " (used_memory " + info.usedMemory() + "; headroom policy " + percent + "%)" + why;
        String fix = "free memory or raise maxmemory on " + i + ", or fail over to another replica";
        if (severity == Severity.ERROR) {
            f.error("memory-headroom", i.toString(), msg, fix);
        } else {
            f.warning("memory-headroom", i.toString(), msg, fix);
        }
    }

    /**
     * sentinel-voters: each answering sentinel must monitor the group, count exactly N-1 other
     * sentinels (stale entries inflate the voter count), and pass CKQUORUM.
     */
    static void sentinelVoters(GroupState g, Findings f) {
        if (g.sentinels == null) {
            return;
        }
        int n = g.sentinels.instances().size();
        String name = g.service.masterName();
        for (Instance s : g.sentinelInstances()) {
            SentinelProbe p = g.snapshot.sentinel(s).orElse(null);
            if (p == null || !p.reachable()) {
                continue;
            }
            SentinelView v = p.view(name);
            if (v == null || v.masterAddress() == null) {
                f.error("sentinel-voters", s.toString(), s + " does not monitor " + name + ", so it cannot vote for its failover",
                        "SENTINEL MONITOR " + name + " on " + s + " (quorum " + g.sentinels.quorum() + ")");
                continue;
            }
            if (v.numOtherSentinels() != n - 1) {
                f.error("sentinel-voters", s.toString(), s + " counts " + v.numOtherSentinels() + " other sentinels for "
                                + name + ", but the inventory has " + n + " (expected " + (n - 1) + "): "
                                + (v.numOtherSentinels() > n - 1 ? "stale entries inflate the voter count and a majority can become unreachable"
                                : "it does not see every sentinel, so fewer can vote"),
                        v.numOtherSentinels() > n - 1
                                ? "SENTINEL RESET " + name + " on each sentinel, one at a time, waiting for them to rediscover each other"
                                : "check that the sentinels can reach each other and the master (hello messages), then re-run");
            }
            if (!v.quorumOk()) {
                f.error("sentinel-voters", s.toString(), s + " reports CKQUORUM failed for " + name + ": " + v.quorumMessage(),
                        "bring enough sentinels back that a quorum and a majority can vote");
            }
        }
    }

    /**
     * After {@code goingDown}, a failover still needs the quorum and a majority. Reported as
     * {@code unreachable} when a sentinel already does not answer (that is what to fix first),
     * as {@code failover-quorum} when every sentinel answers and the step alone takes too many.
     */
    static void sentinelsLeft(GroupState g, Set<Instance> goingDown, String when, Findings f) {
        if (g.sentinels == null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        int up = 0;
        boolean silent = false;
        for (Instance s : g.sentinelInstances()) {
            boolean answers = g.snapshot.healthy(s);
            silent |= !answers;
            if (answers && !goingDown.contains(s)) {
                up++;
            } else {
                missing.add(s.endpoint() + (answers ? " (taken down)" : " (" + Optional.ofNullable(g.snapshot.reason(s)).orElse("down") + ")"));
            }
        }
        LiveQuorum q = LiveQuorum.of(g.sentinels, g.service.masterName(), g.snapshot);
        int need = q.needed();
        if (up < need) {
            f.error(silent ? "unreachable" : "failover-quorum", g.sentinels.name(), when + " only " + up + " of " + g.sentinels.instances().size()
                            + " sentinels of " + g.sentinels.name() + " would answer, but a failover of " + g.service.name()
                            + " needs " + need + " (" + q.describe() + "); missing: "
                            + String.join(", ", missing),
                    silent ? "bring the missing sentinels back before this step"
                            : "order this step so that fewer sentinels of " + g.sentinels.name() + " are down at once");
        }
    }

    static String describe(GroupState g, String address) {
        int colon = address.lastIndexOf(':');
        try {
            return g.addresses.describe(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        } catch (RuntimeException e) {
            return address;
        }
    }

    static String join(List<Endpoint> endpoints) {
        return String.join(", ", endpoints.stream().map(Endpoint::toString).toList());
    }
}
