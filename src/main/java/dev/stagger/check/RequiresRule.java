package dev.stagger.check;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import dev.stagger.model.Severity;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code requires}: an instance starts (the up phase of a maintain, or a start) while a service it
 * requires has no master up (redis), too few masters up (cluster) or no healthy instance (others),
 * counting what may be down in any set of steps in progress with it, and its own targets as still
 * down.
 *
 * <p>Not reported when the required master is down only because the starting step itself takes
 * it down: {@code master-down} already reports that step for that group, with the fix (fail over
 * first) that also fixes the start.
 */
final class RequiresRule {
    private RequiresRule() {
    }

    static void check(Context ctx) {
        Poset p = ctx.poset();
        for (int i = 0; i < p.size(); i++) {
            StepAction a = p.step(i).action();
            if (!(a instanceof StepAction.Maintain || a instanceof StepAction.Start)) {
                continue;
            }
            Map<String, List<Instance>> starting = new LinkedHashMap<>();
            for (Instance x : ctx.downtime().touched(i)) {
                starting.computeIfAbsent(x.service(), k -> new ArrayList<>()).add(x);
            }
            for (Map.Entry<String, List<Instance>> e : starting.entrySet()) {
                Service s = ctx.inventory().service(e.getKey()).orElse(null);
                if (s == null) {
                    continue;
                }
                for (String r : s.requires()) {
                    Service required = ctx.inventory().service(r).orElse(null);
                    if (required != null) {
                        check(ctx, i, e.getValue(), required);
                    }
                }
            }
        }
    }

    private static void check(Context ctx, int i, List<Instance> starting, Service required) {
        String who = ctx.id(i) + " starts " + Phrases.list(starting.stream().map(Instance::toString).toList());
        if (required instanceof RedisService) {
            for (ReplicaGroup g : ctx.masters().groups()) {
                if (g.service().equals(required.name()) && !g.isShard()) {
                    redisMaster(ctx, i, who, starting.get(0).service(), g);
                }
            }
            return;
        }
        List<Set<Instance>> units = new ArrayList<>();
        int need;
        String what;
        if (required instanceof RedisClusterService) {
            List<ReplicaGroup> shards = ctx.masters().groups().stream()
                    .filter(g -> g.isShard() && g.service().equals(required.name())).toList();
            for (ReplicaGroup g : shards) {
                Set<Instance> masters = new TreeSet<>();
                ctx.masters().view(g, i).possible().forEach(m -> masters.add(g.instance(m)));
                units.add(masters);
            }
            need = shards.size() - (shards.size() / 2 + 1) + 1;
            what = required.name() + " may have too few masters up (it needs " + (shards.size() / 2 + 1) + " of " + shards.size() + ")";
        } else {
            for (Endpoint e : required.instances()) {
                units.add(Set.of(new Instance(required.name(), e)));
            }
            need = units.size();
            what = required.name() + " may have no healthy instance";
        }
        CoverSearch.Witness w = CoverSearch.find(ctx.downtime(), i, units, need);
        if (w == null) {
            return;
        }
        Set<Integer> steps = new LinkedHashSet<>(List.of(i));
        steps.addAll(ctx.stepsOf(w.spans()));
        List<String> down = new ArrayList<>();
        for (DownSpan s : w.spans()) {
            for (Instance x : s.instances()) {
                if (x.service().equals(required.name())) {
                    down.add(x.endpoint() + ctx.why(s) + (s.isInitial() || s.from() == i ? "" : s.from() == s.to() ? " (" + ctx.id(s.from()) + ")" : ""));
                }
            }
        }
        String msg = who + " while " + what + (down.isEmpty() ? "" : ": " + Phrases.list(down) + " may be down then")
                + (w.proven() ? "" : " (not disproved within " + CoverSearch.BUDGET + " search steps)");
        String fix = steps.size() > 1 ? ctx.spanFix(w.spans(), steps)
                : "keep enough of " + required.name() + " up while " + ctx.id(i) + " runs";
        ctx.findings().add("requires", Severity.ERROR, steps, starting.get(0).service(), msg, fix);
    }

    private static void redisMaster(Context ctx, int i, String who, String service, ReplicaGroup g) {
        for (Endpoint m : ctx.masters().view(g, i).possible()) {
            Instance x = g.instance(m);
            if (ctx.downtime().touched(i).contains(x)) {
                continue; // master-down reports this step for this group
            }
            DownSpan s = ctx.downtime().otherSpanDuring(x, i);
            if (s == null) {
                continue;
            }
            Set<Integer> steps = new LinkedHashSet<>(List.of(i));
            String why;
            String fix;
            if (s.isInitial()) {
                why = "is on a host that is down";
                Endpoint to = MasterRules.replacement(ctx, g, i, m);
                fix = to != null ? "add a step " + g.failoverSpec(m, to) + " ordered before " + ctx.id(i)
                        : s.to() != Poset.NEVER ? "order " + ctx.id(i) + " after " + ctx.id(s.to()) + ", which brings " + m.host() + " back"
                        : "add a step `start: " + m.host() + "` ordered before " + ctx.id(i) + " (no replica of " + g.label()
                        + " stays up to promote)";
            } else if (s.from() == s.to()) {
                steps.add(s.from());
                why = "may be down (" + ctx.id(s.from()) + " may overlap " + ctx.id(i) + ")";
                fix = ctx.orderFix(steps);
            } else {
                steps.add(s.from());
                why = "is left down by " + ctx.id(s.from());
                fix = "fail " + g.label() + " over to a replica that is up before " + ctx.id(s.from()) + " stops it";
            }
            String msg = who + " while " + g.label() + " may have no master up: its master " + m + " " + why;
            ctx.findings().add("requires", Severity.ERROR, steps, service, msg, fix);
            return;
        }
    }
}
