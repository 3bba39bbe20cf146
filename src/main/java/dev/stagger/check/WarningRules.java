package dev.stagger.check;

import dev.stagger.model.AppService;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import dev.stagger.model.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The warnings: {@code left-down}, {@code single-dc} and {@code cluster-dc-majority}.
 *
 * <p>{@code single-dc} covers app pools, Redis groups and Redis Clusters with two or more instances
 * all in one DC, and only when the inventory spans more than one DC: a one-instance service has no
 * redundancy to lose (min-healthy and master-down speak for it), and in a one-DC inventory every
 * service would warn without telling anything.
 */
final class WarningRules {
    private WarningRules() {
    }

    static void check(Context ctx) {
        leftDown(ctx);
        singleDc(ctx);
        for (Service s : ctx.inventory().services().values()) {
            if (s instanceof RedisClusterService c) {
                clusterDcMajority(ctx, c);
            }
        }
    }

    private static void leftDown(Context ctx) {
        Map<Integer, Set<Instance>> byStop = new TreeMap<>();
        for (DownSpan s : ctx.downtime().spans()) {
            if (!s.isInitial() && s.from() != s.to() && s.to() == Poset.NEVER) {
                byStop.computeIfAbsent(s.from(), k -> new TreeSet<>()).addAll(s.instances());
            }
        }
        byStop.forEach((step, instances) -> {
            Set<String> hosts = new TreeSet<>();
            instances.forEach(x -> hosts.add(x.host()));
            String id = ctx.id(step);
            ctx.findings().add("left-down", Severity.WARNING, Set.of(step), String.join(", ", hosts),
                    id + " leaves " + Phrases.list(instances.stream().map(Instance::toString).toList())
                            + " down at the end of the plan",
                    "add a step `start: " + String.join(", ", hosts) + "` after " + id
                            + " if they should come back (ignore this if they are retired)");
        });
    }

    private static void singleDc(Context ctx) {
        Set<String> dcs = new TreeSet<>();
        ctx.inventory().hosts().values().forEach(h -> dcs.add(h.dc()));
        if (dcs.size() < 2) {
            return;
        }
        for (Service s : ctx.inventory().services().values()) {
            boolean counted = s instanceof AppService || s instanceof RedisService || s instanceof RedisClusterService;
            if (!counted || s.instances().size() < 2) {
                continue;
            }
            Set<String> in = new TreeSet<>();
            s.instances().forEach(e -> in.add(ctx.inventory().dcOf(e.host())));
            if (in.size() == 1) {
                String dc = in.iterator().next();
                ctx.findings().addInventory("single-dc", Severity.WARNING, s.position(), s.name(),
                        "every instance of " + s.name() + " (" + Phrases.list(s.instances().stream().map(Endpoint::toString).toList())
                                + ") is in " + dc + ": no maintenance or outage of " + dc + " keeps " + s.name() + " up",
                        "run an instance of " + s.name() + " in another DC");
            }
        }
    }

    private static void clusterDcMajority(Context ctx, RedisClusterService c) {
        List<ReplicaGroup> shards = ctx.masters().groups().stream()
                .filter(g -> g.isShard() && g.service().equals(c.name())).toList();
        List<Endpoint> declared = shards.stream().map(ReplicaGroup::declaredMaster).toList();
        Set<String> warned = new TreeSet<>();
        crowded(ctx, declared).forEach((dc, masters) -> {
            warned.add(dc);
            ctx.findings().addInventory("cluster-dc-majority", Severity.WARNING, c.position(), c.name(),
                    message(c, dc, masters, shards.size(), ""), fix(ctx, c, dc, shards, declared));
        });
        // Where the plan leaves the masters. Crowding in the middle of a rolling maintenance is
        // inherent (while one DC is maintained its masters sit elsewhere) and the counting rules
        // already guard every moment; what deserves a warning is a plan that ends crowded.
        List<Endpoint> after = new ArrayList<>(declared);
        int lastMove = -1;
        for (int f = 0; f < ctx.poset().size(); f++) {
            ReplicaGroup moved = ctx.masters().groupOfFailover(f);
            if (moved != null && moved.service().equals(c.name())) {
                after.set(shards.indexOf(moved), ctx.masters().masterAfter(f).iterator().next());
                lastMove = f;
            }
        }
        if (lastMove < 0) {
            return;
        }
        int step = lastMove;
        crowded(ctx, after).forEach((dc, masters) -> {
            if (warned.add(dc)) {
                ctx.findings().add("cluster-dc-majority", Severity.WARNING, Set.of(step), c.name(),
                        message(c, dc, masters, shards.size(), " at the end of the plan (after " + ctx.id(step) + ")"), fix(ctx, c, dc, shards, after), false);
            }
        });
    }

    /** DCs holding half or more of the masters, with those masters. */
    private static Map<String, List<Endpoint>> crowded(Context ctx, List<Endpoint> masters) {
        Map<String, List<Endpoint>> byDc = new LinkedHashMap<>();
        for (Endpoint m : masters) {
            byDc.computeIfAbsent(ctx.inventory().dcOf(m.host()), k -> new ArrayList<>()).add(m);
        }
        byDc.values().removeIf(l -> 2 * l.size() < masters.size());
        return byDc;
    }

    private static String message(RedisClusterService c, String dc, List<Endpoint> masters, int total, String when) {
        return dc + " holds " + masters.size() + " of the " + total + " masters of " + c.name() + when + " ("
                + Phrases.list(masters.stream().map(Endpoint::toString).toList()) + "): maintaining or losing " + dc
                + " leaves no majority to fail over";
    }

    /**
     * A failover that leaves no DC with half or more of the masters, from {@code masters} (the
     * current master of each shard, in shard order); else the failovers of a placement that does
     * ({@link MasterPlacement}); else that this layout cannot, and how to change it.
     */
    private static String fix(Context ctx, RedisClusterService c, String dc, List<ReplicaGroup> shards, List<Endpoint> masters) {
        for (int i = 0; i < shards.size(); i++) {
            Endpoint m = masters.get(i);
            if (!ctx.inventory().dcOf(m.host()).equals(dc)) {
                continue;
            }
            for (Endpoint e : shards.get(i).members()) {
                String to = ctx.inventory().dcOf(e.host());
                if (to.equals(dc)) {
                    continue;
                }
                List<Endpoint> moved = new ArrayList<>(masters);
                moved.set(i, e);
                if (crowded(ctx, moved).isEmpty()) {
                    return "spread the masters: e.g. " + shards.get(i).failoverSpec(m, e) + " moves one to " + to;
                }
            }
        }
        // Staying in its master's DC costs a shard nothing, moving one failover: the fix lists the
        // fewest failovers that spread the masters, not merely some placement that does.
        List<Set<String>> dcsOfShard = new ArrayList<>();
        List<Map<String, Integer>> costs = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            Set<String> dcs = new TreeSet<>();
            shards.get(i).members().forEach(e -> dcs.add(ctx.inventory().dcOf(e.host())));
            dcsOfShard.add(dcs);
            String current = ctx.inventory().dcOf(masters.get(i).host());
            Map<String, Integer> cost = new HashMap<>();
            dcs.forEach(d -> cost.put(d, d.equals(current) ? 0 : 1));
            costs.add(cost);
        }
        Optional<List<String>> spread = MasterPlacement.cheapest(costs);
        if (spread.isEmpty()) {
            // Every placement of one master per shard, on its own instances, leaves a DC with half: the layout must change.
            Set<String> dcs = new TreeSet<>();
            dcsOfShard.forEach(dcs::addAll);
            return "this layout cannot avoid it: whichever instance of each shard is master, some DC holds half or more of the "
                    + shards.size() + " masters (" + Phrases.plural(dcs.size(), "DC") + ": " + String.join(", ", dcs)
                    + "); change the layout: give the shards replicas in more DCs, or add a shard (an odd number of"
                    + " masters); until then accept it in CI with `# stagger: allow cluster-dc-majority -- REASON`";
        }
        List<String> moves = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            String target = spread.get().get(i);
            Endpoint master = masters.get(i);
            ReplicaGroup shard = shards.get(i);
            if (!ctx.inventory().dcOf(master.host()).equals(target)) {
                shard.members().stream().filter(e -> ctx.inventory().dcOf(e.host()).equals(target)).findFirst()
                        .ifPresent(e -> moves.add(shard.failoverSpec(master, e)));
            }
        }
        return "spread the masters: " + String.join("; ", moves) + " (then no DC holds half of them)";
    }
}
