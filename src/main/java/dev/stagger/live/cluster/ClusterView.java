package dev.stagger.live.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Redis Cluster as one node sees it (CLUSTER NODES, CLUSTER INFO), completed with each node's own
 * replication state (INFO replication). Pure: built from parsed replies, so every verdict is testable
 * without a cluster.
 *
 * @param observer    the {@code ip:port} whose CLUSTER NODES this is
 * @param replication by node id; a node missing here did not answer, which counts as unhealthy
 */
public record ClusterView(String observer, ClusterInfo info, List<ClusterNode> nodes,
                          Map<String, NodeReplication> replication) {

    /** A master with the slots it serves and the replicas that follow it. */
    public record Shard(ClusterNode master, List<Replica> replicas) {
        public List<SlotRange> slots() {
            return master.slots();
        }

        public String slotsText() {
            return SlotRange.describe(master.slots());
        }
    }

    /**
     * @param replication the replica's INFO replication, or null when it did not answer
     * @param lag         the master's offset minus the replica's, or -1 when either is unknown
     */
    public record Replica(ClusterNode node, NodeReplication replication, long lag) {
        public boolean linkUp() {
            return replication != null && replication.linkUp() && !replication.syncInProgress();
        }
    }

    public ClusterView {
        nodes = List.copyOf(nodes);
        replication = Map.copyOf(replication);
    }

    public Optional<ClusterNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public Optional<ClusterNode> nodeAt(String address) {
        return nodes.stream().filter(n -> n.address().equals(address)).findFirst();
    }

    /** Masters with their replicas: slot-owning masters by first slot, then slot-less ones by address. */
    public List<Shard> shards() {
        Map<String, List<Replica>> replicasByMaster = new LinkedHashMap<>();
        for (ClusterNode n : nodes) {
            if (n.isReplica() && n.masterId() != null) {
                replicasByMaster.computeIfAbsent(n.masterId(), k -> new ArrayList<>()).add(replicaView(n));
            }
        }
        List<Shard> out = new ArrayList<>();
        for (ClusterNode m : nodes) {
            if (m.isMaster()) {
                List<Replica> reps = new ArrayList<>(replicasByMaster.getOrDefault(m.id(), List.of()));
                reps.sort(Comparator.comparing(r -> r.node().address()));
                out.add(new Shard(m, List.copyOf(reps)));
            }
        }
        out.sort(Comparator.comparing((Shard s) -> s.slots().isEmpty())
                .thenComparing(s -> s.slots().isEmpty() ? SlotRange.SLOTS : s.slots().get(0).first())
                .thenComparing(s -> s.master().address()));
        return List.copyOf(out);
    }

    private Replica replicaView(ClusterNode n) {
        NodeReplication r = replication.get(n.id());
        NodeReplication m = replication.get(n.masterId());
        long lag = r != null && m != null ? Math.max(0, m.offset() - r.offset()) : -1;
        return new Replica(n, r, lag);
    }

    /** Shards that serve slots. */
    public List<Shard> slotShards() {
        return shards().stream().filter(s -> !s.slots().isEmpty()).toList();
    }

    public Optional<Shard> shardOfSlot(int slot) {
        return shards().stream().filter(s -> s.slots().stream().anyMatch(r -> r.contains(slot))).findFirst();
    }

    public Optional<Shard> shardOfMaster(String nodeId) {
        return shards().stream().filter(s -> s.master().id().equals(nodeId)).findFirst();
    }

    public int coveredSlots() {
        List<SlotRange> all = new ArrayList<>();
        nodes.stream().filter(ClusterNode::isMaster).forEach(n -> all.addAll(n.slots()));
        return SlotRange.count(all);
    }

    public List<SlotRange> missingSlots() {
        List<SlotRange> all = new ArrayList<>();
        nodes.stream().filter(ClusterNode::isMaster).forEach(n -> all.addAll(n.slots()));
        return SlotRange.missing(all);
    }

    /**
     * Everything that makes the cluster less than fully healthy, one sentence each; empty when
     * the cluster serves every slot and every node and replica link is up.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (!info.isOk()) {
            out.add("cluster_state is " + info.state() + " (seen from " + observer + ")");
        }
        List<SlotRange> missing = missingSlots();
        if (!missing.isEmpty()) {
            out.add((SlotRange.SLOTS - coveredSlots()) + " of 16384 slots have no master: "
                    + SlotRange.describe(missing));
        }
        if (info.slotsPfail() > 0 || info.slotsFail() > 0) {
            out.add("slots in pfail: " + info.slotsPfail() + ", in fail: " + info.slotsFail());
        }
        for (ClusterNode n : nodes) {
            String role = n.isMaster() ? "master" : "replica";
            if (n.isFailed()) {
                out.add(role + " " + n.address() + " is flagged fail by the cluster");
            } else if (n.isSuspectedFailed()) {
                out.add(role + " " + n.address() + " is flagged fail? (suspected) by " + observer);
            }
            if (n.isHandshake()) {
                out.add("node " + n.address() + " is still in handshake");
            }
            if (!n.isMyself() && !n.linkConnected() && !n.isFailed()) {
                out.add("the cluster bus link from " + observer + " to " + n.address() + " is disconnected");
            }
            if (!n.hasNoAddress() && !replication.containsKey(n.id()) && !n.isFailed()) {
                out.add(role + " " + n.address() + " did not answer INFO replication");
            }
        }
        for (Shard s : shards()) {
            for (Replica r : s.replicas()) {
                if (r.replication() != null && !r.linkUp()) {
                    out.add("replica " + r.node().address() + " of " + s.master().address()
                            + " has master_link_status " + (r.replication().linkUp() ? "up but a sync in progress" : "down"));
                }
            }
        }
        return List.copyOf(out);
    }
}
