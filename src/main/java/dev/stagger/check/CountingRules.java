package dev.stagger.check;

import dev.stagger.model.AppService;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import dev.stagger.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The rules that count what is down at the worst moment: {@code min-healthy} (app pools),
 * {@code failover-quorum} (sentinels) and {@code cluster-majority} (masters and shards of a Redis
 * Cluster). Each is a maximum-weight antichain question answered by {@link WorstCase}.
 */
final class CountingRules {
    private CountingRules() {
    }

    static void check(Context ctx) {
        for (Service s : ctx.inventory().services().values()) {
            if (s instanceof AppService app) {
                minHealthy(ctx, app);
            } else if (s instanceof SentinelService sentinels) {
                quorum(ctx, sentinels);
            } else if (s instanceof RedisClusterService cluster) {
                clusterMajority(ctx, cluster);
            }
        }
    }

    private static Function<DownSpan, Set<String>> instancesOf(String service, List<Endpoint> list) {
        Set<Endpoint> members = new HashSet<>(list);
        return span -> {
            Set<String> out = new TreeSet<>();
            for (Instance x : span.instances()) {
                if (x.service().equals(service) && members.contains(x.endpoint())) {
                    out.add(x.endpoint().toString());
                }
            }
            return out;
        };
    }

    /** {@code app1, app2 (already down)}: the units, each with why it is down if not by a maintain. */
    private static String named(Context ctx, WorstCase w, Function<DownSpan, Set<String>> unitsOf) {
        List<String> out = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        for (DownSpan s : w.spans()) {
            for (String u : unitsOf.apply(s)) {
                if (done.add(u)) {
                    out.add(u + ctx.why(s));
                }
            }
        }
        return Phrases.list(out);
    }

    private static String worse(WorstCase w) {
        if (!w.proven()) {
            return " (steps that may overlap touch the same instances; it could not be disproved within "
                    + DistinctCover.BUDGET + " search steps that more are down at once)";
        }
        return w.worstUnits() > w.units().size() ? "; at the worst moment " + w.worstUnits() + " can be down at once" : "";
    }

    private static void minHealthy(Context ctx, AppService app) {
        int total = app.instances().size();
        var unitsOf = instancesOf(app.name(), app.instances());
        WorstCase w = WorstCase.over(ctx, ctx.downtime().spansOfService(app.name()), unitsOf, app.allowedDown());
        if (w == null) {
            return;
        }
        Set<Integer> steps = ctx.stepsOf(w.spans());
        String msg = ctx.takeDown(steps) + " " + w.units().size() + " of " + total + " " + app.name()
                + " instances (min_healthy " + app.minHealthy() + "): " + named(ctx, w, unitsOf) + worse(w);
        String fix = ctx.spanFix(w.spans(), steps);
        if (fix == null) {
            fix = ctx.reviveFix(w.spans(), steps);
        }
        if (fix == null) {
            fix = "take down at most " + Phrases.plural(app.allowedDown(), app.name() + " instance") + " at once: split "
                    + ctx.splitAdvice(steps);
        }
        ctx.findings().add("min-healthy", Severity.ERROR, steps, app.name(), msg, fix);
    }

    private static void quorum(Context ctx, SentinelService sentinels) {
        int total = sentinels.instances().size();
        int needed = sentinels.votersNeeded();
        var unitsOf = instancesOf(sentinels.name(), sentinels.instances());
        WorstCase w = WorstCase.over(ctx, ctx.downtime().spansOfService(sentinels.name()), unitsOf, Math.max(0, total - needed));
        if (w == null) {
            return;
        }
        Set<Integer> steps = ctx.stepsOf(w.spans());
        int left = total - w.units().size();
        String msg = ctx.takeDown(steps) + " " + w.units().size() + " of " + total + " " + sentinels.name()
                + " sentinels: " + named(ctx, w, unitsOf) + "; " + left + " left up, but a failover needs " + needed
                + " (quorum " + sentinels.quorum() + " and a majority of " + total + ")" + worse(w);
        String fix = ctx.spanFix(w.spans(), steps);
        if (fix == null) {
            fix = ctx.reviveFix(w.spans(), steps);
        }
        if (fix == null) {
            fix = "keep at least " + needed + " " + sentinels.name() + " sentinels up: split " + ctx.splitAdvice(steps)
                    + ", or add a sentinel on another host";
        }
        ctx.findings().add("failover-quorum", Severity.ERROR, steps, sentinels.name(), msg, fix);
        alsoBreakingQuorum(ctx, sentinels, unitsOf, w, total, needed);
    }

    /** Above this many sentinel spans the per-step search is skipped: the worst case is still reported. */
    private static final int EVERY_STEP_LIMIT = 400;

    /**
     * The worst moment names one set of steps; an operator fixing only those would meet the rule again
     * at the next run. Every other step that, with steps that may overlap it, leaves too few sentinels
     * is reported too, each at its own step, with the steps it breaks the quorum with.
     */
    private static void alsoBreakingQuorum(Context ctx, SentinelService sentinels, Function<DownSpan, Set<String>> unitsOf,
                                           WorstCase worst, int total, int needed) {
        List<DownSpan> spans = ctx.downtime().spansOfService(sentinels.name());
        if (spans.size() > EVERY_STEP_LIMIT) {
            return;
        }
        Set<Integer> named = new HashSet<>(ctx.stepsOf(worst.spans()));
        int allowedDown = Math.max(0, total - needed);
        for (DownSpan s : spans) {
            if (s.isPermanent() || named.containsAll(ctx.stepsOf(List.of(s)))) {
                continue;
            }
            Set<String> own = unitsOf.apply(s);
            if (own.isEmpty()) {
                continue;
            }
            List<DownSpan> together = new ArrayList<>();
            for (DownSpan o : spans) {
                if (o != s && o.compatible(s, ctx.poset())) {
                    together.add(o);
                }
            }
            // The others must take down more than what is left of the allowance, counting only units s does not.
            Function<DownSpan, Set<String>> others = o -> {
                Set<String> u = new TreeSet<>(unitsOf.apply(o));
                u.removeAll(own);
                return u;
            };
            WorstCase with;
            if (own.size() > allowedDown) {
                with = new WorstCase(List.of(), Set.of(), 0, true);
            } else {
                with = WorstCase.over(ctx, together, others, allowedDown - own.size());
                if (with == null) {
                    continue;
                }
            }
            List<DownSpan> set = new ArrayList<>(with.spans());
            set.add(0, s);
            Set<Integer> steps = ctx.stepsOf(set);
            named.addAll(steps);
            Set<String> down = new TreeSet<>(own);
            with.spans().forEach(o -> down.addAll(unitsOf.apply(o)));
            String msg = ctx.takeDown(steps) + " " + down.size() + " of " + total + " " + sentinels.name()
                    + " sentinels: " + String.join(", ", down) + "; " + (total - down.size()) + " left up, but a failover needs "
                    + needed + " (quorum " + sentinels.quorum() + " and a majority of " + total + ")";
            String fix = ctx.spanFix(set, steps);
            if (fix == null) {
                fix = "keep at least " + needed + " " + sentinels.name() + " sentinels up: split " + ctx.splitAdvice(steps);
            }
            ctx.findings().add("failover-quorum", Severity.ERROR, steps, sentinels.name(), msg, fix, false);
        }
    }

    /**
     * One failover per master the worst moment takes down, each to a replica its step leaves up:
     * applied, they keep every master up (and so the majority), which also settles master-down.
     */
    private static String moveMastersFix(Context ctx, RedisClusterService cluster, List<ReplicaGroup> shards, WorstCase w) {
        List<String> adds = new ArrayList<>();
        for (DownSpan span : w.spans()) {
            if (span.isInitial()) {
                continue;
            }
            for (ReplicaGroup g : shards) {
                for (Endpoint m : ctx.masters().view(g, span.from()).possible()) {
                    if (!span.instances().contains(g.instance(m))) {
                        continue;
                    }
                    Endpoint to = MasterRules.replacement(ctx, g, span.from(), m);
                    if (to != null) {
                        adds.add("add a step " + g.failoverSpec(m, to) + " ordered before " + ctx.id(span.from()));
                    }
                }
            }
        }
        if (adds.isEmpty()) {
            return "keep a majority of the masters of " + cluster.name() + " up: take fewer of them down at once";
        }
        return String.join("; ", adds);
    }

    private static void clusterMajority(Context ctx, RedisClusterService cluster) {
        List<ReplicaGroup> shards = ctx.masters().groups().stream()
                .filter(g -> g.isShard() && g.service().equals(cluster.name())).toList();
        int m = shards.size();
        int allowed = m - (m / 2 + 1);
        Function<DownSpan, Set<String>> mastersOf = span -> {
            Set<String> out = new TreeSet<>();
            for (ReplicaGroup g : shards) {
                Set<Endpoint> possible = span.isInitial() ? Set.of(g.declaredMaster())
                        : ctx.masters().view(g, span.from()).possible();
                for (Endpoint e : possible) {
                    if (span.instances().contains(g.instance(e))) {
                        out.add(e.toString());
                        break;
                    }
                }
            }
            return out;
        };
        WorstCase w = WorstCase.over(ctx, ctx.downtime().spansOfService(cluster.name()), mastersOf, allowed);
        if (w != null) {
            Set<Integer> steps = ctx.stepsOf(w.spans());
            String msg = ctx.takeDown(steps) + " " + w.units().size() + " of the " + m + " masters of "
                    + cluster.name() + ": " + named(ctx, w, mastersOf) + "; the cluster needs " + (m / 2 + 1)
                    + " masters up (a majority) to keep serving and to fail over" + worse(w);
            String fix = moveMastersFix(ctx, cluster, shards, w) + (steps.size() > 1 ? ", or " + ctx.spanFix(w.spans(), steps) : "");
            ctx.findings().add("cluster-majority", Severity.ERROR, steps, cluster.name(), msg, fix);
        }
        for (ReplicaGroup g : shards) {
            var unitsOf = instancesOf(g.service(), g.members());
            WorstCase all = WorstCase.over(ctx, ctx.downtime().spansOfService(g.service()), unitsOf, g.members().size() - 1);
            if (all == null) {
                continue;
            }
            Set<Integer> steps = ctx.stepsOf(all.spans());
            String msg = ctx.takeDown(steps) + " every instance of " + g.label() + ": "
                    + named(ctx, all, unitsOf) + "; its slots are not served until one is back";
            String fix = steps.size() > 1 ? ctx.spanFix(all.spans(), steps)
                    : "take down the instances of this shard in separate steps, ordered one after another";
            ctx.findings().add("cluster-majority", Severity.ERROR, steps, g.service() + "@" + g.declaredMaster(), msg, fix);
        }
    }
}
