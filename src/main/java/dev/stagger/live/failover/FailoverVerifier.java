package dev.stagger.live.failover;

import dev.stagger.live.RoleReply;
import dev.stagger.model.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Proves a failover happened, whatever the commands replied: the new master says master and takes a
 * write, the old master and the other replicas replicate from it with their link up, and (under
 * Sentinel) every sentinel that answers names it, with at least a voting majority answering. Each
 * wait has its own deadline and a timeout says what was seen.
 */
final class FailoverVerifier {
    /** Test writes live under this prefix, so that nobody mistakes them for data. */
    static final String TEST_KEY_PREFIX = "stagger:failover-check:";

    private final FailoverContext ctx;
    private final Topology t;

    FailoverVerifier(FailoverContext ctx, Topology t) {
        this.ctx = ctx;
        this.t = t;
    }

    /** ROLE master and an accepted test write on the target; returns when the write was accepted. */
    long awaitWritableNewMaster() {
        Duration timeout = ctx.settings.verifyTimeout();
        ctx.waiter.await(ctx.target + " to report role master", timeout, () -> {
            RoleReply r = t.target.role();
            return r.isMaster() ? null : ctx.target + " reports " + r.describe();
        }, seen -> FailoverException.failed(ctx.target + " is not master " + Waiter.seconds(timeout.toNanos())
                + " after the failover: " + seen + "; expected role master. Check the sentinel and Redis logs, "
                + "and `stagger status` for which instance is master now"));
        String key = TEST_KEY_PREFIX + UUID.randomUUID();
        ctx.waiter.await(ctx.target + " to accept a test write", timeout, () -> {
            t.target.testWrite(key, ctx.settings.testKeyTtl());
            return null;
        }, seen -> FailoverException.writesRefused(ctx.target + " reports master but did not accept a write within "
                + Waiter.seconds(timeout.toNanos()) + ": " + seen + ". Check its maxmemory, min-replicas-to-write, "
                + "disk errors (stop-writes-on-bgsave-error) and ACL", seen));
        ctx.say(ctx.target + " accepted a test write");
        return System.nanoTime();
    }

    /** The old master and every other replica that answered before replicate from the new master, link up. */
    void awaitReplicasFollow() {
        awaitFollows(t.master, ctx.oldMaster + " (the old master)");
        for (Topology.Replica r : t.others) {
            awaitFollows(t.open(ctx, r), r.label());
        }
    }

    private void awaitFollows(RedisLink link, String who) {
        Duration timeout = ctx.settings.verifyTimeout();
        ctx.waiter.await(who + " to replicate from " + ctx.target + " with master_link_status:up", timeout, () -> {
            RoleReply r = link.role();
            if (!r.isReplica() || !followsTarget(r.masterHost(), r.masterPort())) {
                return who + " reports " + r.describe();
            }
            ReplicationInfo info = link.replication();
            if (!"connected".equals(r.linkState()) || !info.linkUp()) {
                return who + " has master_link_status:" + info.get("master_link_status")
                        + (info.syncInProgress() ? " (full sync in progress)" : "");
            }
            return null;
        }, seen -> FailoverException.failed(who + " does not replicate from " + ctx.target + " within "
                + Waiter.seconds(timeout.toNanos()) + ": " + seen + "; expected a replica of " + t.targetReported
                + " with master_link_status:up. Check its log, masterauth, and the network between them; a long "
                + "full sync needs a longer verify timeout"));
    }

    private boolean followsTarget(String host, int port) {
        return (t.targetReported.address().equals(host) && t.targetReported.port() == port)
                || ctx.addresses.is(ctx.target, host, port);
    }

    /** Every sentinel that answers names the new master, and enough answer to make a majority. */
    void awaitSentinelsAgree() {
        Duration timeout = ctx.settings.verifyTimeout();
        List<String> silent = new ArrayList<>();
        List<RedisLink> links = new ArrayList<>();
        try {
            for (Endpoint s : ctx.sentinels.instances()) {
                links.add(ctx.sentinelConnector.open(s));
            }
            ctx.waiter.await("every sentinel to name " + ctx.target + " as master of " + ctx.service.masterName()
                            + " and end the failover",
                    timeout, () -> disagreement(links, silent),
                    seen -> FailoverException.failed("the sentinels do not agree on " + ctx.target + " within "
                            + Waiter.seconds(timeout.toNanos()) + ": " + seen + "; expected every sentinel's "
                            + "get-master-addr-by-name to give " + t.targetReported + ". Check the sentinels' logs "
                            + "and that they can reach each other (announce-ip, firewalls)"));
        } finally {
            links.forEach(RedisLink::close);
        }
        for (String s : silent) {
            ctx.warn("sentinel " + s + " did not answer; it will learn the new master when it is back");
        }
    }

    private String disagreement(List<RedisLink> links, List<String> silent) {
        silent.clear();
        List<String> wrong = new ArrayList<>();
        for (RedisLink link : links) {
            try {
                Optional<NodeAddress> a = link.sentinelMasterAddress(ctx.service.masterName());
                if (a.isEmpty()) {
                    wrong.add(link + " does not know " + ctx.service.masterName());
                } else if (!followsTarget(a.get().address(), a.get().port())) {
                    wrong.add(link + " names " + ctx.describe(a.get().address(), a.get().port()));
                } else {
                    // Sentinels name the promoted replica before the failover ends (while the other
                    // replicas are still being re-pointed): done means no sentinel is still in it.
                    String flags = link.sentinelMaster(ctx.service.masterName()).getOrDefault("flags", "");
                    if (flags.contains("failover_in_progress")) {
                        wrong.add(link + " still has the failover in progress");
                    }
                }
            } catch (NodeUnavailable e) {
                silent.add(link.label());
            }
        }
        int answering = links.size() - silent.size();
        if (!wrong.isEmpty()) {
            return String.join(", ", wrong);
        }
        if (answering < ctx.sentinels.votersNeeded()) {
            return "only " + answering + " of " + links.size() + " sentinels answer, " + ctx.sentinels.votersNeeded()
                    + " needed (silent: " + silent + ")";
        }
        return null;
    }
}
