package dev.stagger.live.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a CLUSTER FAILOVER has really happened, from what the nodes say afterwards,
 * never from the command's {@code OK}. Pure: the caller gathers the observations.
 */
public final class FailoverCheck {

    /**
     * What the nodes answered; any field is null when that node did not answer.
     *
     * @param targetRole   ROLE's first element on the target
     * @param views        CLUSTER NODES by observer address: the target, the old master, another node
     * @param oldMasterReplication INFO replication of the old master
     */
    public record Observation(String targetRole, java.util.Map<String, List<ClusterNode>> views,
                              NodeReplication oldMasterReplication) {
    }

    private FailoverCheck() {
    }

    /**
     * Every condition not met yet, one sentence each; empty when the target is master of the
     * slots by ROLE and in every observer's view, and the old master replicates it with link up.
     *
     * @param names  how messages call the nodes: target and old master names ({@code r4:7000})
     */
    public static List<String> unmet(String targetAddr, String oldAddr, List<SlotRange> slots,
                                     String targetName, String oldName, Observation o) {
        List<String> out = new ArrayList<>();
        String slotText = SlotRange.describe(slots);
        if (o.targetRole() == null) {
            out.add(targetName + " did not answer ROLE");
        } else if (!"master".equals(o.targetRole())) {
            out.add("ROLE on " + targetName + " says " + o.targetRole() + ", not master");
        }
        for (var e : o.views().entrySet()) {
            String observer = e.getKey().equals(targetAddr) ? targetName
                    : e.getKey().equals(oldAddr) ? oldName : e.getKey();
            List<ClusterNode> view = e.getValue();
            if (view == null) {
                out.add(observer + " did not answer CLUSTER NODES");
                continue;
            }
            Optional<ClusterNode> t = at(view, targetAddr);
            Optional<ClusterNode> m = at(view, oldAddr);
            if (t.isEmpty() || !t.get().isMaster() || !ownsAll(t.get(), slots)) {
                out.add("CLUSTER NODES on " + observer + " does not show " + targetName + " as master of " + slotText);
            }
            if (t.isPresent() && (m.isEmpty() || !m.get().isReplica() || !t.get().id().equals(m.get().masterId()))) {
                out.add("CLUSTER NODES on " + observer + " does not show " + oldName + " as replica of " + targetName);
            }
            if (e.getKey().equals(targetAddr) && m.isPresent() && !m.get().linkConnected()) {
                out.add("the cluster bus link from " + targetName + " to " + oldName + " is not connected");
            }
        }
        NodeReplication r = o.oldMasterReplication();
        int targetPort = Integer.parseInt(targetAddr.substring(targetAddr.lastIndexOf(':') + 1));
        if (r == null) {
            out.add(oldName + " did not answer INFO replication");
        } else if (!r.isReplica() || r.masterPort() != targetPort) {
            out.add(oldName + " does not replicate from " + targetName + " yet (role " + r.role()
                    + (r.masterHost() != null ? ", master " + r.masterHost() + ":" + r.masterPort() : "") + ")");
        } else if (!r.linkUp()) {
            out.add(oldName + " replicates " + targetName + " but master_link_status is not up");
        }
        return List.copyOf(out);
    }

    private static Optional<ClusterNode> at(List<ClusterNode> view, String address) {
        return view.stream().filter(n -> n.address().equals(address)).findFirst();
    }

    static boolean ownsAll(ClusterNode n, List<SlotRange> slots) {
        return slots.stream().allMatch(s -> n.slots().stream().anyMatch(r -> r.first() <= s.first() && s.last() <= r.last()));
    }
}
