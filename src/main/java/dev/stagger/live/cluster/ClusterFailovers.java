package dev.stagger.live.cluster;

import dev.stagger.live.cluster.ClusterFailoverException.Phase;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A planned shard failover in a Redis Cluster: {@code CLUSTER FAILOVER} (default mode: the replica
 * waits until it has every write of its master, so no acknowledged write is lost) on the target
 * replica, confirmed by ROLE, by CLUSTER NODES from the target, the old master and another node, by
 * the old master replicating the target with its link up, and by a test write the new master
 * accepts for the shard's slots and replicates. The {@code OK} reply proves nothing: it only means
 * the replica agreed to try.
 */
public final class ClusterFailovers {
    private static final String PROBE_KEY = "stagger:failover-check:";

    private ClusterFailovers() {
    }

    /**
     * @param shardMaster the shard's current master, as the plan names it
     * @param target      the replica to promote
     * @param progress    one line per event and, while waiting, what for and how much longer
     */
    public static ClusterFailoverResult perform(Inventory inventory, RedisClusterService service, Endpoint shardMaster,
                                                Endpoint target, ClusterFailoverSettings settings,
                                                Consumer<String> progress) {
        return perform(inventory, service, shardMaster, target, settings, progress,
                NodeConnector.of(service.auth(), settings.ioTimeout()));
    }

    /** As above with a given connector (tests pass their own environment for passwords). */
    public static ClusterFailoverResult perform(Inventory inventory, RedisClusterService service, Endpoint shardMaster,
                                                Endpoint target, ClusterFailoverSettings settings,
                                                Consumer<String> progress, NodeConnector connector) {
        ClusterAddresses addresses = ClusterAddresses.of(inventory, service, Resolver::ip);
        return new Run(addresses.live(shardMaster), addresses.live(target), shardMaster.toString(), target.toString(),
                shardMaster, target, settings, progress, new ClusterProbe(connector), connector).perform();
    }

    /** One failover's state: addresses, names and the probe. */
    private record Run(String oldAddr, String targetAddr, String oldName, String targetName,
                       Endpoint oldEp, Endpoint targetEp, ClusterFailoverSettings settings,
                       Consumer<String> progress, ClusterProbe probe, NodeConnector connector) {

        ClusterFailoverResult perform() {
            List<ClusterNode> before = viewOrFail(targetAddr);
            ClusterNode t = nodeAt(before, targetAddr, targetName);
            ClusterNode m = nodeAt(before, oldAddr, oldName);
            if (t.isMaster() && m.isReplica() && t.id().equals(m.masterId()) && !t.slots().isEmpty()) {
                // A resumed run whose failover completed: verify it instead of failing over back.
                progress.accept(targetName + " is already master of " + SlotRange.describe(t.slots())
                        + " with " + oldName + " as its replica; verifying");
                confirm(t.slots(), System.nanoTime());
                testWrite(t.slots());
                return new ClusterFailoverResult(targetEp, oldEp, t.slots(), true, Duration.ZERO);
            }
            List<SlotRange> slots = preconditions(t, m);
            long start = System.nanoTime();
            progress.accept("CLUSTER FAILOVER on " + targetName + ": take slots " + SlotRange.describe(slots)
                    + " over from " + oldName);
            try (Jedis j = connector.open(targetAddr)) {
                j.clusterFailover();
            } catch (JedisDataException e) {
                throw new ClusterFailoverException(Phase.COMMAND, targetName + " refused CLUSTER FAILOVER: "
                        + ClusterProbe.oneLine(e) + "; nothing changed, " + oldName + " is still master of "
                        + SlotRange.describe(slots));
            } catch (JedisException e) {
                // The command may or may not have reached the node: find out by confirming.
                progress.accept("no reply to CLUSTER FAILOVER from " + targetName + " (" + ClusterProbe.oneLine(e)
                        + "); checking whether it started");
            }
            confirm(slots, start);
            testWrite(slots);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            progress.accept("failover confirmed: " + targetName + " is master of " + SlotRange.describe(slots)
                    + ", " + oldName + " replicates it (" + took.toMillis() + " ms)");
            return new ClusterFailoverResult(targetEp, oldEp, slots, false, took);
        }

        List<SlotRange> preconditions(ClusterNode t, ClusterNode m) {
            if (!m.isMaster() || m.slots().isEmpty()) {
                throw new ClusterFailoverException(Phase.PRECONDITION, oldName + " is not a master with slots in "
                        + "the cluster's view (flags " + String.join(",", m.flags()) + "): the plan's shard: "
                        + oldName + " is stale; re-probe with `stagger status` and re-plan");
            }
            if (!t.isReplica() || !m.id().equals(t.masterId())) {
                throw new ClusterFailoverException(Phase.PRECONDITION, targetName + " is not a replica of "
                        + oldName + " (flags " + String.join(",", t.flags()) + "): choose one of "
                        + oldName + "'s replicas as `to:`, or re-plan");
            }
            if (t.isFailed() || t.isSuspectedFailed() || m.isFailed()) {
                throw new ClusterFailoverException(Phase.PRECONDITION, "the cluster flags "
                        + (m.isFailed() ? oldName : targetName) + " as failing: a coordinated failover needs both "
                        + "up; wait until CLUSTER NODES shows no fail flag");
            }
            NodeReplication r = probe.replication(targetAddr).orElseThrow(() -> new ClusterFailoverException(
                    Phase.PRECONDITION, targetName + " did not answer INFO replication within " + settings.ioTimeout()));
            if (!r.linkUp() || r.syncInProgress()) {
                throw new ClusterFailoverException(Phase.PRECONDITION, targetName + " is not in sync with "
                        + oldName + " (master_link_status " + (r.linkUp() ? "up" : "down")
                        + (r.syncInProgress() ? ", sync in progress" : "") + "): wait for the link, or pick another replica");
            }
            return m.slots();
        }

        void confirm(List<SlotRange> slots, long start) {
            long deadline = start + settings.confirmTimeout().toNanos();
            long nextReport = System.nanoTime() + settings.progressEvery().toNanos();
            String third = thirdObserver(slots);
            while (true) {
                List<String> unmet = FailoverCheck.unmet(targetAddr, oldAddr, slots, targetName, oldName, observe(third));
                if (unmet.isEmpty()) {
                    return;
                }
                long now = System.nanoTime();
                if (now >= deadline) {
                    throw new ClusterFailoverException(Phase.CONFIRMATION, "CLUSTER FAILOVER of slots "
                            + SlotRange.describe(slots) + " to " + targetName + " not confirmed within "
                            + settings.confirmTimeout().toSeconds() + "s: " + String.join("; ", unmet)
                            + ". Do not stop " + oldName + " or " + targetName + ": run CLUSTER NODES on both and "
                            + "read their logs; a manual failover that missed offset parity is aborted by Redis "
                            + "and can be retried");
                }
                if (now >= nextReport) {
                    progress.accept("waiting for the failover to " + targetName + " ("
                            + Duration.ofNanos(deadline - now).toSeconds() + "s left): " + unmet.get(0));
                    nextReport = now + settings.progressEvery().toNanos();
                }
                sleep(settings.pollInterval());
            }
        }

        FailoverCheck.Observation observe(String third) {
            Map<String, List<ClusterNode>> views = new LinkedHashMap<>();
            views.put(targetAddr, viewOrNull(targetAddr));
            views.put(oldAddr, viewOrNull(oldAddr));
            if (third != null) {
                views.put(third, viewOrNull(third));
            }
            return new FailoverCheck.Observation(probe.role(targetAddr).orElse(null), views,
                    probe.replication(oldAddr).orElse(null));
        }

        /** A master of another shard: the cluster's view from outside the shard, when there is one. */
        String thirdObserver(List<SlotRange> slots) {
            List<ClusterNode> view = viewOrNull(targetAddr);
            if (view == null) {
                return null;
            }
            return view.stream()
                    .filter(n -> n.isMaster() && !n.slots().isEmpty() && !n.isFailed() && !n.isSuspectedFailed())
                    .filter(n -> !n.address().equals(targetAddr) && !n.address().equals(oldAddr))
                    .filter(n -> n.slots().stream().noneMatch(slots::contains))
                    .map(ClusterNode::address).sorted().findFirst().orElse(null);
        }

        void testWrite(List<SlotRange> slots) {
            String key = keyIn(slots);
            try (Jedis j = connector.open(targetAddr)) {
                j.set(key, targetName, SetParams.setParams().px(60_000));
                long acked = j.waitReplicas(1, settings.confirmTimeout().toMillis());
                j.del(key);
                if (acked < 1) {
                    throw new ClusterFailoverException(Phase.TEST_WRITE, "test write to " + targetName
                            + " was not acknowledged by any replica within " + settings.confirmTimeout().toSeconds()
                            + "s: " + oldName + " is not replicating it; check its master_link_status before stopping anything");
                }
            } catch (JedisException e) {
                throw new ClusterFailoverException(Phase.TEST_WRITE, "test write of key " + key + " (slot "
                        + JedisClusterCRC16.getSlot(key) + ") to " + targetName + " failed: " + ClusterProbe.oneLine(e)
                        + "; the shard may not accept writes: run CLUSTER NODES on " + targetName);
            }
        }

        List<ClusterNode> viewOrFail(String address) {
            List<ClusterNode> v = viewOrNull(address);
            if (v == null) {
                throw new ClusterFailoverException(Phase.PRECONDITION, (address.equals(targetAddr) ? targetName : oldName)
                        + " (" + address + ") did not answer CLUSTER NODES within " + settings.ioTimeout()
                        + ": it must be up to take over; nothing was changed");
            }
            return v;
        }

        List<ClusterNode> viewOrNull(String address) {
            try {
                return probe.nodes(address);
            } catch (JedisException e) {
                return null;
            }
        }

        ClusterNode nodeAt(List<ClusterNode> view, String address, String name) {
            Optional<ClusterNode> n = view.stream().filter(x -> x.address().equals(address)).findFirst();
            return n.orElseThrow(() -> new ClusterFailoverException(Phase.PRECONDITION, name + " (" + address
                    + ") is not in CLUSTER NODES of " + targetName + ": check the inventory's address for it"));
        }
    }

    /** A key whose hash slot lies in the shard, found deterministically. */
    static String keyIn(List<SlotRange> slots) {
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("a shard without slots has no key to test");
        }
        for (int i = 0; ; i++) {
            String key = PROBE_KEY + i;
            int slot = JedisClusterCRC16.getSlot(key);
            if (slots.stream().anyMatch(r -> r.contains(slot))) {
                return key;
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterFailoverException(Phase.CONFIRMATION, "interrupted while confirming the failover");
        }
    }
}
