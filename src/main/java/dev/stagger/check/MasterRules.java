package dev.stagger.check;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Severity;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code master-down}: a step takes down the instance that is (or may be) its group's master at
 * that time. {@code no-failover-target}: a failover's target (or, without {@code to}, every replica)
 * may be down when it runs, or the target already is the master.
 */
final class MasterRules {
    private MasterRules() {
    }

    static void check(Context ctx) {
        Poset p = ctx.poset();
        for (int i = 0; i < p.size(); i++) {
            StepAction a = p.step(i).action();
            if (a instanceof StepAction.Maintain || a instanceof StepAction.Stop) {
                for (ReplicaGroup g : ctx.masters().groups()) {
                    masterDown(ctx, g, i);
                }
            } else if (a instanceof StepAction.Failover f) {
                ReplicaGroup g = ctx.masters().groupOfFailover(i);
                if (g != null) {
                    target(ctx, g, i, f);
                }
            }
        }
    }

    /** True when step {@code i} takes down a possible master of {@code g}; reports it. */
    static boolean masterDown(Context ctx, ReplicaGroup g, int i) {
        Set<Instance> touched = ctx.downtime().touched(i);
        if (touched.stream().noneMatch(g::contains)) {
            return false;
        }
        Masters.View view = ctx.masters().view(g, i);
        boolean found = false;
        for (Endpoint m : view.possible()) {
            if (!touched.contains(g.instance(m))) {
                continue;
            }
            found = true;
            String step = ctx.id(i);
            Set<Integer> steps = new LinkedHashSet<>(List.of(i));
            String msg;
            String fix;
            if (!view.overlapping().isEmpty()) {
                steps.addAll(view.overlapping());
                List<String> fos = ctx.ids(new LinkedHashSet<>(view.overlapping()));
                List<Integer> promoting = view.overlapping().stream()
                        .filter(f -> ctx.masters().masterAfter(f).contains(m)).toList();
                if (!promoting.isEmpty()) {
                    // The failover makes m the master: running the step after it would take the new
                    // master down; the failover must wait for the step instead.
                    String fo = ctx.id(promoting.get(0));
                    msg = step + " takes down " + m + ", which may be the master of " + g.label() + " by then: " + fo
                            + " promotes it and may overlap " + step;
                    fix = "order " + fo + " after " + step;
                } else {
                    msg = step + " takes down " + m + ", which may still be the master of " + g.label() + ": "
                            + Phrases.list(fos) + " may overlap " + step + ", so " + (fos.size() == 1 ? "it does" : "they do")
                            + " not protect it";
                    fix = "order " + step + " after " + fos.get(fos.size() - 1);
                }
            } else if (view.unnamed().contains(view.lastFailover()) && !view.certain()) {
                String fo = ctx.id(view.lastFailover());
                steps.add(view.lastFailover());
                msg = step + " takes down " + m + ", which may be the master of " + g.label() + ": " + fo
                        + " names no `to`, so any replica may have been promoted";
                fix = "name the new master in " + fo + " with `to:` (a replica " + step + " leaves up)";
            } else if (view.lastFailover() >= 0) {
                String fo = ctx.id(view.lastFailover());
                steps.add(view.lastFailover());
                Endpoint to = replacement(ctx, g, i, m);
                msg = step + " takes down " + m + ", the master of " + g.label() + " since " + fo
                        + ", and no later failover ordered before " + step + " moves it";
                // Without a replica that stays up, another failover only moves the master onto an
                // instance the step also takes down.
                fix = to == null
                        ? keepUp(g, m, step)
                        : "add a step " + g.failoverSpec(m, to) + " after " + latestBefore(ctx, g, i, view.lastFailover(), to)
                        + " and before " + ctx.placeBefore(i);
            } else {
                Endpoint to = replacement(ctx, g, i, m);
                msg = step + " takes down " + m + ", the master of " + g.label() + ", and no earlier failover moves it";
                fix = to == null
                        ? keepUp(g, m, step)
                        : "add a step " + g.failoverSpec(m, to) + " ordered before " + ctx.placeBefore(i);
            }
            ctx.findings().add("master-down", Severity.ERROR, steps, subject(g), msg, fix);
        }
        return found;
    }

    /** The fix when no replica is left to promote: leave the master out of the step. */
    private static String keepUp(ReplicaGroup g, Endpoint m, String step) {
        if (g.members().size() == 1) {
            return "keep " + m + " up: " + g.label() + " has no replica to promote (leave " + m + " out of " + step
                    + ", or add a replica on another host and fail over to it first)";
        }
        return "keep " + m + " up: every other instance of " + g.label() + " is down or taken down by " + step;
    }

    /**
     * Where a new failover to {@code to} goes before step {@code i}: after the last failover and after
     * every earlier step that takes {@code to} down (the latest of them, when they form a chain).
     */
    private static String latestBefore(Context ctx, ReplicaGroup g, int i, int lastFailover, Endpoint to) {
        Poset p = ctx.poset();
        List<Integer> before = new ArrayList<>();
        before.add(lastFailover);
        for (int j = 0; j < p.size(); j++) {
            if (j != lastFailover && p.precedes(j, i) && !(p.step(j).action() instanceof StepAction.Failover)
                    && ctx.downtime().touched(j).contains(g.instance(to))) {
                before.add(j);
            }
        }
        Set<Integer> latest = new LinkedHashSet<>();
        for (int a : before) {
            if (before.stream().noneMatch(b -> p.precedes(a, b))) {
                latest.add(a);
            }
        }
        return Phrases.list(ctx.ids(latest));
    }

    static String subject(ReplicaGroup g) {
        return g.isShard() ? g.service() + "@" + g.declaredMaster() : g.service();
    }

    /** A replica to promote instead of {@code master}: one step {@code i} leaves up, preferably never down meanwhile. */
    static Endpoint replacement(Context ctx, ReplicaGroup g, int i, Endpoint master) {
        Endpoint fallback = null;
        for (Endpoint e : g.members()) {
            Instance x = g.instance(e);
            if (e.equals(master) || ctx.downtime().touched(i).contains(x)) {
                continue;
            }
            if (!ctx.downtime().mayBeDownDuring(x, i)) {
                return e;
            }
            if (fallback == null && ctx.downtime().spansOf(x).stream().noneMatch(DownSpan::isPermanent)) {
                fallback = e;
            }
        }
        return fallback;
    }

    private static StepAction p(Context ctx, int step) {
        return ctx.poset().step(step).action();
    }

    private static void target(Context ctx, ReplicaGroup g, int f, StepAction.Failover fo) {
        Set<Endpoint> before = ctx.masters().masterBefore(f);
        String step = ctx.id(f);
        if (fo.to() != null && !g.members().contains(fo.to())) {
            ctx.findings().add("no-failover-target", Severity.ERROR, Set.of(f), subject(g),
                    step + " promotes " + fo.to() + ", which is not an instance of " + g.label(),
                    "name one of " + Phrases.list(g.members().stream().map(Endpoint::toString).toList()) + " in `to:`");
            return;
        }
        if (fo.to() != null && before.size() == 1 && before.contains(fo.to())) {
            ctx.findings().add("no-failover-target", Severity.ERROR, Set.of(f), subject(g),
                    step + " promotes " + fo.to() + ", which is already the master of " + g.label() + " at that point",
                    "remove " + step + ", or name another replica in `to:`");
            return;
        }
        List<Endpoint> candidates = new ArrayList<>();
        if (fo.to() != null) {
            candidates.add(fo.to());
        } else {
            g.members().stream().filter(e -> !(before.size() == 1 && before.contains(e))).forEach(candidates::add);
        }
        Set<Integer> steps = new LinkedHashSet<>(List.of(f));
        List<String> why = new ArrayList<>();
        for (Endpoint c : candidates) {
            DownSpan s = ctx.downtime().otherSpanDuring(g.instance(c), f);
            if (s == null) {
                return; // a target that is surely up
            }
            if (!s.isInitial()) {
                steps.add(s.from());
            }
            why.add(c + (s.isInitial() ? " is on a host that is down" + (s.to() == Poset.NEVER ? "" : " until " + ctx.id(s.to()))
                    : s.from() == s.to() ? " may be down (" + ctx.id(s.from()) + " may overlap " + step + ")"
                    : " is left down by " + ctx.id(s.from())));
        }
        if (candidates.isEmpty()) {
            why.add(g.label() + " has no replica");
        }
        String msg = step + " has no healthy replica of " + g.label() + " to promote: " + String.join("; ", why);
        Set<Integer> others = new LinkedHashSet<>(steps);
        others.remove(f);
        String fix;
        Endpoint other = null;
        for (Endpoint e : g.members()) {
            if (!before.contains(e) && !candidates.contains(e) && !ctx.downtime().mayBeDownDuring(g.instance(e), f)) {
                other = e;
                break;
            }
        }
        if (other != null) {
            fix = "promote " + other + " instead (`to: " + other + "`)";
        } else if (!others.isEmpty() && others.stream().allMatch(o -> p(ctx, o) instanceof StepAction.Maintain)) {
            fix = "order " + step + " after " + ctx.ids(others).get(others.size() - 1);
        } else {
            Set<String> hosts = new java.util.TreeSet<>();
            for (Endpoint c : candidates) {
                DownSpan s = ctx.downtime().otherSpanDuring(g.instance(c), f);
                if (s != null && (s.isInitial() || s.from() != s.to())) {
                    hosts.add(c.host());
                }
            }
            fix = hosts.isEmpty() ? "bring a replica of " + g.label() + " up (a `start` step) before " + step
                    : "add a step `start: " + String.join(", ", hosts) + "` ordered before " + step;
        }
        ctx.findings().add("no-failover-target", Severity.ERROR, steps, subject(g), msg, fix);
    }
}
