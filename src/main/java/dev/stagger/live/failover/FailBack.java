package dev.stagger.live.failover;

import dev.stagger.live.redis.Addresses;
import dev.stagger.live.RoleReply;
import dev.stagger.model.Auth;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Undoes a switch whose new master refuses writes. The failover's own checks passed and the target
 * was promoted, but it did not take the verification write ({@code NOREPLICAS}: it wants more
 * replicas than follow it; {@code OOM}; {@code MISCONF}): the group now has a master that says master
 * and takes no write. If the old master is intact (it answers, replicates from the new one with its
 * link up, so it holds every byte the new one has) the move is made back, through the same
 * {@link Failovers#perform} and so verified the same way: the old master says master and takes a
 * test write, the other instances replicate from it, every sentinel names it.
 *
 * <p>It never acts on an old master it cannot vouch for: unreachable, still master (two masters), or
 * replicating from elsewhere or with its link down. Then it changes nothing and says what it saw and
 * the commands to run by hand.
 */
public final class FailBack {
    /**
     * How the fail-back went.
     *
     * @param verified true when the old master is the verified master again and accepts writes
     * @param state    what the group looks like now, for the operator (roles as the instances report them)
     * @param actions  what the fail-back did to the cluster, in order, for the journal
     * @param manual   when not verified, the commands that finish the job by hand; else null
     */
    public record Result(boolean verified, String state, List<String> actions, String manual) {
        public Result {
            actions = List.copyOf(actions);
        }
    }

    private final Inventory inventory;
    private final RedisService service;
    private final Endpoint oldMaster;
    private final Endpoint refusing;
    private final FailoverSettings settings;
    private final Consumer<String> progress;
    private final Addresses addresses;
    private final Connector redis;
    private final Waiter waiter;

    /**
     * @param oldMaster the master before the failover: the one to go back to
     * @param refusing  the promoted target that refuses writes
     */
    public FailBack(Inventory inventory, RedisService service, Endpoint oldMaster, Endpoint refusing,
                    FailoverSettings settings, Consumer<String> progress) {
        this.inventory = inventory;
        this.service = service;
        this.oldMaster = oldMaster;
        this.refusing = refusing;
        this.settings = settings;
        this.progress = progress == null ? line -> { } : progress;
        this.addresses = new Addresses(inventory);
        this.redis = new Connector(addresses, service.auth(), settings);
        this.waiter = new Waiter(settings.pollInterval(), this.progress);
    }

    /** What a master answered to the verification write, without who and which key: {@code NOREPLICAS Not enough ...}. */
    public static String refusal(String seen) {
        return seen.replaceFirst("^.*SET " + FailoverVerifier.TEST_KEY_PREFIX + "[0-9a-fA-F-]+: ", "");
    }

    /** What makes {@code target} take writes, by what it answered. */
    public static String fixFor(String refusal, Endpoint target) {
        String r = refusal.toUpperCase(java.util.Locale.ROOT);
        if (r.contains("NOREPLICAS")) {
            return "its min-replicas-to-write (with min-replicas-max-lag) asks for more replicas than follow it once"
                    + " promoted: lower it on " + target + " or add replicas, or fail over to another target";
        }
        if (r.contains("OOM")) {
            return "it is out of memory for writes: raise maxmemory on " + target + " (or its eviction policy) to hold the data";
        }
        if (r.contains("MISCONF")) {
            return target + " cannot persist (stop-writes-on-bgsave-error): fix its disk or dir, check its log";
        }
        if (r.contains("READONLY")) {
            return target + " still answers as a read-only replica: check its role and the sentinels' logs";
        }
        if (r.contains("NOPERM") || r.contains("NOAUTH") || r.contains("WRONGPASS")) {
            return "the failover user may not write the check key on " + target + ": allow SET and DEL on "
                    + FailoverVerifier.TEST_KEY_PREFIX + "* in its ACL";
        }
        return "find out why " + target + " refuses writes (its log, INFO, CONFIG GET min-replicas-* and maxmemory)";
    }

    /** Goes back to the old master if it is intact; never throws for what it finds in the cluster. */
    public Result attempt() {
        progress.accept("failing back: " + refusing + " refuses writes; checking that " + oldMaster
                + " (the old master) is intact before moving the master back to it");
        try {
            awaitOldMasterIntact();
            awaitSentinelsSettled();
        } catch (FailoverException | NodeUnavailable e) {
            return new Result(false, e.getMessage().replaceFirst("^failover failed: ", "") + "; " + roles(),
                    List.of(), manual());
        }
        try {
            FailoverOutcome back = Failovers.perform(inventory, service, refusing, oldMaster, settings, progress);
            return new Result(true, oldMaster + " is the verified master of " + service.name() + " again (it took the"
                    + " test write), " + refusing + " replicates from it", back.actions(), null);
        } catch (FailoverException e) {
            return new Result(false, "the fail-back to " + oldMaster + " did not complete: "
                    + e.getMessage().replaceFirst("^failover (failed|refused): ", "") + "; " + roles(), List.of(), manual());
        }
    }

    /**
     * The old master answers, replicates from the refusing one with its link up and no sync running:
     * then it holds every write the refusing one took, and going back loses nothing.
     */
    private void awaitOldMasterIntact() {
        Duration timeout = settings.verifyTimeout();
        try (RedisLink link = redis.open(oldMaster)) {
            waiter.await(oldMaster + " (the old master) to replicate from " + refusing + " with its link up", timeout, () -> {
                RoleReply r = link.role();
                if (r.isMaster()) {
                    throw FailoverException.failed(oldMaster + " (the old master) reports role master while " + refusing
                            + " is master too: two masters; not failing back automatically");
                }
                if (!r.isReplica() || !addresses.is(refusing, r.masterHost(), r.masterPort())) {
                    return oldMaster + " reports " + r.describe();
                }
                ReplicationInfo info = link.replication();
                if (!"connected".equals(r.linkState()) || !info.linkUp() || info.syncInProgress()) {
                    return oldMaster + " has master_link_status:" + info.get("master_link_status")
                            + (info.syncInProgress() ? " (sync in progress)" : "");
                }
                return null;
            }, seen -> FailoverException.failed("the old master is not intact, so it was not made master again: " + seen
                    + " after " + Waiter.seconds(timeout.toNanos()) + "; expected a replica of " + refusing
                    + " with master_link_status:up"));
        }
    }

    /**
     * Under Sentinel, the failover that promoted the refusing master must be over (no sentinel still in
     * it, all naming it) before another can start: SENTINEL FAILOVER would answer INPROG.
     */
    private void awaitSentinelsSettled() {
        SentinelService sentinels = sentinels();
        if (sentinels == null) {
            return;
        }
        Connector connector = new Connector(addresses, sentinels.auth() == null ? Auth.NONE : sentinels.auth(), settings);
        Duration timeout = settings.verifyTimeout();
        List<RedisLink> links = new ArrayList<>();
        try {
            for (Endpoint s : sentinels.instances()) {
                links.add(connector.open(s));
            }
            waiter.await("every sentinel to name " + refusing + " and end the failover before failing back", timeout,
                    () -> unsettled(links),
                    seen -> FailoverException.failed("the sentinels did not settle on " + refusing + " within "
                            + Waiter.seconds(timeout.toNanos()) + ", so no fail-back was started: " + seen));
        } finally {
            links.forEach(RedisLink::close);
        }
    }

    private String unsettled(List<RedisLink> links) {
        List<String> wrong = new ArrayList<>();
        for (RedisLink link : links) {
            try {
                Optional<NodeAddress> a = link.sentinelMasterAddress(service.masterName());
                if (a.isEmpty() || !addresses.is(refusing, a.get().address(), a.get().port())) {
                    wrong.add(link + " names " + a.map(x -> addresses.describe(x.address(), x.port(), service.instances()))
                            .orElse("no master"));
                } else if (link.sentinelMaster(service.masterName()).getOrDefault("flags", "").contains("failover_in_progress")) {
                    wrong.add(link + " still has the failover in progress");
                }
            } catch (NodeUnavailable e) {
                // A silent sentinel is judged by the fail-back's own checks (enough must answer).
            }
        }
        return wrong.isEmpty() ? null : String.join(", ", wrong);
    }

    private SentinelService sentinels() {
        if (service.sentinel() == null) {
            return null;
        }
        return inventory.service(service.sentinel()).filter(SentinelService.class::isInstance)
                .map(SentinelService.class::cast).orElse(null);
    }

    /** {@code app1:6379 reports replica of ..., app2:6380 reports master}: what each instance says now. */
    private String roles() {
        List<String> out = new ArrayList<>();
        for (Endpoint e : List.of(oldMaster, refusing)) {
            try (RedisLink link = redis.open(e)) {
                out.add(e + " reports " + link.role().describe());
            } catch (NodeUnavailable ex) {
                out.add(e + " does not answer (" + ex.getMessage() + ")");
            }
        }
        return "now " + String.join(", ", out);
    }

    /** The commands that make the old master the master again by hand, once it is intact. */
    private String manual() {
        String old = addresses.addressOf(oldMaster.host()) + " " + oldMaster.port();
        String ref = "redis-cli -h " + addresses.addressOf(refusing.host()) + " -p " + refusing.port();
        String auth = service.auth() == null || service.auth().equals(Auth.NONE) ? "" : " (with the group's credentials)";
        SentinelService sentinels = sentinels();
        if (sentinels != null && !sentinels.instances().isEmpty()) {
            Endpoint s = sentinels.instances().get(0);
            return "check the roles (`stagger status`); if " + oldMaster + " replicates from " + refusing + " with its link up, "
                    + "fail back through Sentinel: set `replica-priority 0` on every other replica, then `redis-cli -h "
                    + addresses.addressOf(s.host()) + " -p " + s.port() + " SENTINEL FAILOVER " + service.masterName()
                    + "`, and restore the priorities" + auth + "; or make " + refusing + " accept writes (for NOREPLICAS: `"
                    + ref + " CONFIG SET min-replicas-to-write 0`, then put the value back once enough replicas follow it)";
        }
        return "check the roles (`stagger status`); if " + oldMaster + " replicates from " + refusing + " with its link up, `"
                + ref + " FAILOVER TO " + old + "`" + auth + "; or make " + refusing + " accept writes (for NOREPLICAS: `"
                + ref + " CONFIG SET min-replicas-to-write 0`)";
    }
}
