package dev.stagger.live.failover;

import dev.stagger.live.RoleReply;
import dev.stagger.model.Endpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The group as it really is just before a failover, read from the instances themselves, with open
 * connections to the master and the target. Built only when the current master says it is master
 * and the target says it replicates from it: anything else is a refusal, before any change.
 */
final class Topology implements AutoCloseable {
    /** Another replica of the group: how the master reports it, and its inventory name if known. */
    record Replica(String label, NodeAddress address, Endpoint endpoint) {
    }

    final RedisLink master;
    final RedisLink target;
    /** The target's address as the master reports it: the one to give REPLICAOF and FAILOVER TO. */
    final NodeAddress targetReported;
    final List<Replica> others;
    private final List<RedisLink> opened = new ArrayList<>();

    private Topology(RedisLink master, RedisLink target, NodeAddress targetReported, List<Replica> others) {
        this.master = master;
        this.target = target;
        this.targetReported = targetReported;
        this.others = List.copyOf(others);
        opened.add(master);
        opened.add(target);
    }

    static Topology inspect(FailoverContext ctx) {
        RedisLink master = ctx.redis.open(ctx.oldMaster);
        RedisLink target = null;
        try {
            RoleReply mr = role(master, ctx.oldMaster + " (the current master)");
            if (!mr.isMaster()) {
                throw FailoverException.refused(ctx.oldMaster + " reports " + mr.describe() + ", expected master; "
                        + "the plan's view of the group is stale: check `stagger status` and name the real master");
            }
            RoleReply.Replica targetPeer = mr.replicas().stream()
                    .filter(p -> ctx.addresses.is(ctx.target, p.ip(), p.port()))
                    .findFirst()
                    .orElseThrow(() -> FailoverException.refused("master " + ctx.oldMaster + " does not list " + ctx.target
                            + " (" + NodeAddress.of(ctx.addresses, ctx.target) + ") among its connected replicas (it lists "
                            + (mr.replicas().isEmpty() ? "none" : mr.replicas()) + "); check that the target runs, "
                            + "replicates from " + ctx.oldMaster + " and that the inventory address matches what Redis reports"));
            target = ctx.redis.open(ctx.target);
            RoleReply tr = role(target, ctx.target + " (the target)");
            if (!tr.isReplica() || !ctx.addresses.is(ctx.oldMaster, tr.masterHost(), tr.masterPort())
                    || !"connected".equals(tr.linkState())) {
                throw FailoverException.refused(ctx.target + " reports " + tr.describe() + ", expected a replica of "
                        + ctx.oldMaster + " with its link connected; wait for its sync to finish or pick another target");
            }
            List<Replica> others = new ArrayList<>();
            for (RoleReply.Replica p : mr.replicas()) {
                if (p == targetPeer) {
                    continue;
                }
                Endpoint e = ctx.addresses.endpointAt(p.ip(), p.port(), ctx.members()).orElse(null);
                NodeAddress a = e == null ? new NodeAddress(p.ip(), p.port()) : NodeAddress.of(ctx.addresses, e);
                others.add(new Replica(e == null ? ctx.describe(p.ip(), p.port()) : e.toString(), a, e));
            }
            addDisconnectedMembers(ctx, others);
            return new Topology(master, target, new NodeAddress(targetPeer.ip(), targetPeer.port()), others);
        } catch (RuntimeException e) {
            master.close();
            if (target != null) {
                target.close();
            }
            throw e;
        }
    }

    /**
     * Inventory replicas the master does not list (restarting, syncing elsewhere): a sentinel may still
     * pick one whose link went down recently, so they must be steered and re-pointed too when they answer.
     */
    private static void addDisconnectedMembers(FailoverContext ctx, List<Replica> others) {
        for (Endpoint e : ctx.members()) {
            if (e.equals(ctx.oldMaster) || e.equals(ctx.target)
                    || others.stream().anyMatch(r -> e.equals(r.endpoint()))) {
                continue;
            }
            try (RedisLink link = ctx.redis.open(e)) {
                link.role();
                others.add(new Replica(e.toString(), NodeAddress.of(ctx.addresses, e), e));
                ctx.warn(e + " is not connected to " + ctx.oldMaster + "; it is steered and re-pointed like the other replicas");
            } catch (NodeUnavailable down) {
                ctx.warn(e + " did not answer (" + down.getMessage() + "); it cannot be promoted, and it will not be "
                        + "re-pointed: when it comes back, check that it replicates from the new master");
            }
        }
    }

    private static RoleReply role(RedisLink link, String who) {
        try {
            return link.role();
        } catch (NodeUnavailable e) {
            throw FailoverException.refused(who + " did not answer ROLE: " + e.getMessage()
                    + "; check that it runs and that the credentials in the inventory are right");
        }
    }

    /** A connection to another replica, closed with the topology. */
    RedisLink open(FailoverContext ctx, Replica r) {
        RedisLink link = ctx.redis.open(r.label(), r.address());
        opened.add(link);
        return link;
    }

    @Override
    public void close() {
        opened.forEach(RedisLink::close);
    }
}
