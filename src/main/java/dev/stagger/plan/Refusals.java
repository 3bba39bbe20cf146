package dev.stagger.plan;

import dev.stagger.model.AppService;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Instance;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import dev.stagger.model.Severity;
import dev.stagger.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Steps no order can make safe, because the step alone breaks a rule: it takes down more of a pool
 * or of the sentinels than may ever be down, every instance of a Redis group, or too many data
 * centres. Each refusal names the rule, the step, and the smallest change that would fix it.
 */
final class Refusals {
    private final Analysis a;
    /** Each group's instances up before anything starts, asked for every step on the group: built once. */
    private final List<List<Instance>> upOf = new ArrayList<>();

    Refusals(Analysis analysis) {
        this.a = analysis;
        for (int g = 0; g < a.groups.size(); g++) {
            upOf.add(null);
        }
    }

    private List<Instance> up(int g) {
        List<Instance> up = upOf.get(g);
        if (up == null) {
            up = a.upInstances(g);
            upOf.set(g, up);
        }
        return up;
    }

    List<Diagnostic> find() {
        List<Diagnostic> out = new ArrayList<>();
        for (Work w : a.work) {
            for (int k = 0; k < w.resources().length; k++) {
                Resource r = a.resources.get(w.resources()[k]);
                if (w.weights()[k] > r.initialCapacity) {
                    out.add(overCapacity(w, r, w.weights()[k]));
                }
            }
            if (a.allowedDcs != null && w.dcs().size() > a.allowedDcs) {
                out.add(tooManyDcs(w));
            }
            for (int k = 0; k < w.groups().length; k++) {
                Diagnostic d = lostGroup(w, k);
                if (d != null) {
                    out.add(d);
                }
            }
        }
        for (int g = 0; g < a.groups.size(); g++) {
            Diagnostic d = masterAlreadyDown(g);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    /** The declared master is on a host that is down and no replica is up to take over. */
    private Diagnostic masterAlreadyDown(int g) {
        Instance m = a.masterOf(g);
        if (!a.initiallyDown.contains(m) || !a.upInstances(g).isEmpty() || !a.needsMaster(g)) {
            return null;
        }
        RedisGroup group = a.groups.get(g);
        Step first = null;
        boolean touches = false;
        for (Work w : a.work) {
            boolean t = java.util.Arrays.stream(w.groups()).anyMatch(x -> x == g);
            if (t || w.touched().stream().anyMatch(i -> a.inventory.service(i.service())
                    .map(s -> s.requires().contains(group.service())).orElse(false))) {
                first = w.step();
                touches = t;
                break;
            }
        }
        String msg = "the master of " + group.label() + ", " + m + ", is on a host declared state: down and no replica is up to take over"
                + (touches ? "; " + first.id() + " touches it" : "; " + first.id() + " restarts a service that requires it");
        return refusal(first, touches ? (group.shard() ? "cluster-majority" : "master-down") : "requires", group.label(), msg,
                "bring " + m.host() + " up first");
    }

    private Diagnostic overCapacity(Work w, Resource r, int weight) {
        Service s = a.inventory.service(r.name).orElseThrow();
        int n = s.instances().size();
        List<String> downHosts = new ArrayList<>();
        for (var e : s.instances()) {
            if (a.initiallyDown.contains(new Instance(s.name(), e))) {
                downHosts.add(e.host());
            }
        }
        int up = n - downHosts.size();
        int spare = Math.max(0, r.initialCapacity);
        int need = up - r.initialCapacity;
        String already = downHosts.isEmpty() ? ""
                : "; " + String.join(", ", downHosts) + (downHosts.size() == 1 ? " is" : " are")
                + " already down (declared state: down)";
        String id = w.step().id();
        if (s instanceof SentinelService sg) {
            String msg = id + " takes down " + weight + " of " + n + " sentinels of " + sg.name()
                    + ", but a failover needs " + sg.votersNeeded() + " up (quorum " + sg.quorum() + ", majority "
                    + (n / 2 + 1) + ")" + already;
            String fix = weight > 1 && spare >= 1
                    ? "split " + id + " so it takes down at most " + spare + " sentinel" + (spare == 1 ? "" : "s") + " of " + sg.name() + " at once"
                    : "add " + (need - (up - weight)) + " sentinel" + (need - (up - weight) == 1 ? "" : "s") + " to " + sg.name() + " on other hosts";
            return refusal(w.step(), "failover-quorum", sg.name(), msg, fix);
        }
        AppService pool = (AppService) s;
        String lower = "lower min_healthy to " + Math.max(0, up - weight);
        String msg;
        if ("requires".equals(r.rule)) {
            msg = id + " takes down " + weight + " of " + n + " " + pool.name() + " instances, leaving none healthy for "
                    + "the services that require " + pool.name() + already;
        } else {
            msg = id + " takes down " + weight + " of " + n + " " + pool.name() + " instances, but min_healthy "
                    + pool.minHealthy() + " allows at most " + spare + " down at once" + already;
        }
        String fix;
        if (!downHosts.isEmpty() && spare + downHosts.size() >= weight) {
            fix = "bring " + String.join(", ", downHosts) + " up first, or " + lower;
        } else if (weight > 1 && spare >= 1) {
            fix = "split " + id + " so it takes down at most " + spare + " " + pool.name() + " instance"
                    + (spare == 1 ? "" : "s") + " at once (for example with rolling:)";
        } else {
            int more = need - (up - weight);
            String add = n == 1 && more == 1 ? "a second instance" : more == 1 ? "one more instance" : more + " more instances";
            fix = "requires".equals(r.rule)
                    ? "give " + pool.name() + " " + add
                    : "give " + pool.name() + " " + add + " or " + lower;
        }
        return refusal(w.step(), r.rule, pool.name(), msg, fix);
    }

    private Diagnostic tooManyDcs(Work w) {
        int max = a.inventory.policy().maxDownDcs();
        String msg = w.step().id() + " takes down instances in " + w.dcs().size() + " data centres ("
                + String.join(", ", w.dcs()) + "), but max_down_dcs is " + max
                + (a.downDcs.isEmpty() ? "" : " and " + String.join(", ", a.downDcs) + " already " + (a.downDcs.size() == 1 ? "has" : "have") + " instances down");
        String fix = a.allowedDcs <= 0
                ? "bring the down hosts in " + String.join(", ", a.downDcs) + " up first, or raise max_down_dcs"
                : "split " + w.step().id() + " by data centre (one step per dc:NAME)";
        return refusal(w.step(), "max-down-dcs", String.join(", ", w.dcs()), msg, fix);
    }

    /** A step that leaves a group with no instance up, or takes its master down when it can never move. */
    private Diagnostic lostGroup(Work w, int k) {
        int g = w.groups()[k];
        RedisGroup group = a.groups.get(g);
        List<Instance> up = up(g);
        // What a step takes down was up before it.
        int upTakenDown = w.groupDown()[k];
        // With its master already down the group has no master to lose; masterAlreadyDown covers it.
        boolean takesSome = upTakenDown > 0 && (group.shard() || !a.initiallyDown.contains(a.masterOf(g)));
        String rule = group.shard() ? "cluster-majority" : "master-down";
        String id = w.step().id();
        if (takesSome && upTakenDown == up.size()) {
            Instance master = a.masterOf(g);
            List<String> replicas = new ArrayList<>();
            List<String> downHosts = new ArrayList<>();
            List<String> hostsOfGroup = new ArrayList<>();
            for (var e : group.instances()) {
                Instance i = new Instance(group.service(), e);
                hostsOfGroup.add(e.host());
                if (!i.equals(master)) {
                    replicas.add(i.toString());
                    if (a.initiallyDown.contains(i)) {
                        downHosts.add(e.host());
                    }
                }
            }
            String msg;
            String fix;
            if (replicas.isEmpty()) {
                msg = id + " takes down " + master + ", the master of " + group.label() + ", which has no replica to fail over to";
                fix = "add a replica of " + group.service() + " on another host";
            } else if (!downHosts.isEmpty() && downHosts.size() == replicas.size()) {
                msg = id + " takes down " + master + ", the master of " + group.label() + ", and its only replicas ("
                        + String.join(", ", replicas) + ") are on hosts declared state: down";
                fix = "bring " + String.join(", ", downHosts) + " up first, or add a replica of " + group.service() + " on another host";
            } else {
                msg = id + " takes down every instance of " + group.label() + " (" + master + " and "
                        + String.join(", ", replicas) + "): no replica is left to fail over to";
                fix = "maintain " + String.join(", ", new TreeSet<>(hostsOfGroup)) + " in separate steps (for example rolling:)";
            }
            return refusal(w.step(), rule, group.label(), msg, fix);
        }
        if (group.sentinel() != null && w.takesMasterDown(k)) {
            SentinelService sg = a.inventory.service(group.sentinel())
                    .filter(SentinelService.class::isInstance).map(SentinelService.class::cast).orElse(null);
            if (sg != null && sentinelsUp(sg) < sg.votersNeeded()) {
                return refusal(w.step(), "failover-quorum", group.sentinel(), id + " takes down " + a.masterOf(g)
                        + ", but too few sentinels of " + sg.name() + " are up to fail " + group.label() + " over (a failover needs "
                        + sg.votersNeeded() + ")", "bring the down sentinels of " + sg.name() + " up first");
            }
        }
        return null;
    }

    private long sentinelsUp(SentinelService sg) {
        return sg.instances().stream().filter(e -> !a.initiallyDown.contains(new Instance(sg.name(), e))).count();
    }

    private static Diagnostic refusal(Step step, String rule, String subject, String message, String fix) {
        return new Diagnostic(step.position(), Severity.ERROR, rule, List.of(step.id()), subject, message, fix);
    }
}
