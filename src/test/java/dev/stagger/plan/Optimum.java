package dev.stagger.plan;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.AppService;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The exact optimum for tiny plans, independent of the planner: the fewest waves, then the fewest
 * failovers, over every layered schedule (waves in order, every step of a wave after every step of
 * the wave before) with failovers between the waves to any replica that is up.
 *
 * <p>Why layered schedules suffice: in any planned graph the steps of one depth (longest chain of
 * maintenance steps ending at them) are pairwise unordered, so they may overlap there too; ordering
 * the depths one after another only removes overlaps and keeps the wave count. A failover before a
 * step of depth k is moved to the gap before depth k, where nothing overlaps it.
 *
 * <p>Each layer is screened with a quick model of the safety rules; a complete schedule is accepted
 * only when the real {@link Checker} passes its plan, so the model can only prune, never admit.
 */
final class Optimum {
    /** The optimum, and a plan that reaches it (checked). */
    record Result(int waves, int failovers, Plan plan) {
    }

    private final Inventory inv;
    private final List<Step> steps;
    private final int n;
    private final int[] predMask;
    private final int maxParallel;
    private final List<Set<Instance>> touched = new ArrayList<>();
    private final List<Set<Instance>> down = new ArrayList<>();
    private final List<Set<String>> groupsTouched = new ArrayList<>();
    private final List<Set<String>> requiredBy = new ArrayList<>();
    private final Map<String, List<Instance>> groupMembers = new HashMap<>();
    private final Map<String, String> groupSentinel = new HashMap<>();
    private final Map<String, String> groupService = new HashMap<>();
    private final Map<Instance, String> groupOf = new HashMap<>();
    private final Map<String, Instance> declared = new HashMap<>();
    private final Set<Instance> initiallyDown;
    private final List<String> groupNames = new ArrayList<>();
    private int bestWaves;
    private int bestFailovers;
    private Plan bestPlan;
    /** Complete schedules the quick model admitted but the checker refused (model too loose). */
    int checkerRejected;
    long nodes;
    static final long NODE_BUDGET = 3_000_000;

    private Optimum(Inventory inv, Plan plan, int maxParallel) {
        this.inv = inv;
        this.maxParallel = maxParallel;
        this.steps = plan.steps().stream().filter(Step::isMaintenance).toList();
        this.n = steps.size();
        this.initiallyDown = inv.initiallyDown();
        for (Service s : inv.services().values()) {
            if (s instanceof RedisService r) {
                addGroup(r.name(), r.name(), r.instances(), r.master(), r.sentinel());
            } else if (s instanceof RedisClusterService c) {
                for (List<Endpoint> shard : c.shards()) {
                    addGroup(c.name() + "/" + shard.get(0), c.name(), shard, shard.get(0), null);
                }
            }
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(steps.get(i).id(), i);
        }
        predMask = new int[n];
        Map<Instance, Integer> lastStop = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            for (String a : s.after()) {
                Integer p = index.get(a);
                if (p != null) {
                    predMask[i] |= 1 << p;
                }
            }
            Set<Instance> t = new TreeSet<>();
            for (Target target : s.targets()) {
                t.addAll(inv.instancesOf(target));
            }
            touched.add(t);
            Set<Instance> d = new HashSet<>();
            if (!(s.action() instanceof StepAction.Start)) {
                for (Instance x : t) {
                    if (!initiallyDown.contains(x)) {
                        d.add(x);
                    }
                }
            }
            down.add(d);
            Set<String> gs = new HashSet<>();
            Set<String> req = new HashSet<>();
            for (Instance x : t) {
                String g = groupOf.get(x);
                if (g != null) {
                    gs.add(g);
                }
                req.addAll(inv.service(x.service()).orElseThrow().requires());
                Integer stop = lastStop.get(x);
                if (s.action() instanceof StepAction.Start && stop != null) {
                    predMask[i] |= 1 << stop;
                }
                if (s.action() instanceof StepAction.Stop) {
                    lastStop.put(x, i);
                }
            }
            groupsTouched.add(gs);
            requiredBy.add(req);
        }
    }

    private void addGroup(String name, String service, List<Endpoint> members, Endpoint master, String sentinel) {
        List<Instance> list = new ArrayList<>();
        for (Endpoint e : members) {
            Instance i = new Instance(service, e);
            list.add(i);
            groupOf.put(i, name);
        }
        groupNames.add(name);
        groupMembers.put(name, list);
        groupService.put(name, service);
        groupSentinel.put(name, sentinel);
        declared.put(name, new Instance(service, master));
    }

    /** The optimum, or null when no layered schedule is safe (the plan has no safe order). */
    static Optimum.Result find(Inventory inv, Plan plan, int maxParallel) {
        Optimum o = new Optimum(inv, plan, maxParallel);
        return o.search();
    }

    static Optimum solver(Inventory inv, Plan plan, int maxParallel) {
        return new Optimum(inv, plan, maxParallel);
    }

    Result search() {
        if (n > 10) {
            throw new IllegalArgumentException("too many steps for the exhaustive optimum");
        }
        if (n == 0) {
            return new Result(0, 0, null);
        }
        for (int w = 1; w <= n; w++) {
            bestWaves = w;
            bestFailovers = Integer.MAX_VALUE;
            bestPlan = null;
            State start = new State(new HashMap<>(declared), new HashSet<>(), new HashSet<>());
            dfs(0, start, 0, new ArrayList<>());
            if (bestPlan != null) {
                return new Result(w, bestFailovers, bestPlan);
            }
        }
        return null;
    }

    /** What is down and who is master between two waves. */
    private record State(Map<String, Instance> master, Set<Instance> stopped, Set<Instance> started) {
        boolean up(Instance i, Set<Instance> initiallyDown) {
            return !stopped.contains(i) && (!initiallyDown.contains(i) || started.contains(i));
        }
    }

    /** One wave: its steps, and the failovers (group to new master) just before it. */
    private record Layer(int mask, Map<String, Instance> failovers) {
    }

    private void dfs(int placed, State state, int failovers, List<Layer> layers) {
        if (++nodes > NODE_BUDGET) {
            throw new IllegalStateException("node budget exceeded");
        }
        if (placed == (1 << n) - 1) {
            Plan p = build(layers);
            boolean ok = Checker.check(inv, StepGraph.of(p)).stream().noneMatch(Diagnostic::isError);
            if (ok) {
                bestFailovers = failovers;
                bestPlan = p;
            } else {
                checkerRejected++;
            }
            return;
        }
        if (layers.size() >= bestWaves || failovers >= bestFailovers) {
            return;
        }
        int available = 0;
        for (int i = 0; i < n; i++) {
            if ((placed & (1 << i)) == 0 && (predMask[i] & ~placed) == 0) {
                available |= 1 << i;
            }
        }
        // Largest waves first: a good first answer prunes the rest.
        List<Integer> subsets = new ArrayList<>();
        for (int sub = available; sub > 0; sub = (sub - 1) & available) {
            if (maxParallel <= 0 || Integer.bitCount(sub) <= maxParallel) {
                subsets.add(sub);
            }
        }
        subsets.sort((x, y) -> Integer.bitCount(y) - Integer.bitCount(x));
        for (int sub : subsets) {
            tryLayer(placed, state, failovers, layers, sub);
        }
    }

    private void tryLayer(int placed, State state, int failovers, List<Layer> layers, int sub) {
        Set<Instance> downL = new HashSet<>();
        Set<Instance> seen = new HashSet<>();
        Set<String> groups = new HashSet<>();
        Set<String> required = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if ((sub & (1 << i)) == 0) {
                continue;
            }
            for (Instance x : touched.get(i)) {
                if (!seen.add(x)) {
                    return;
                }
            }
            for (String g : groupsTouched.get(i)) {
                if (!groups.add(g)) {
                    return;
                }
            }
            downL.addAll(down.get(i));
            required.addAll(requiredBy.get(i));
        }
        // Instances being started are down until their step completes.
        Set<Instance> downNow = new HashSet<>(downL);
        for (Instance x : inv.allInstances()) {
            if (!state.up(x, initiallyDown)) {
                downNow.add(x);
            }
        }
        if (!countsHold(downL, downNow, required)) {
            return;
        }
        // Which groups need a new master before this wave, and the replicas each may go to.
        List<String> moving = new ArrayList<>();
        List<List<Instance>> choices = new ArrayList<>();
        for (String g : groupNames) {
            Instance m = state.master().get(g);
            boolean masterUp = state.up(m, initiallyDown);
            // A group whose master is down needs one when a step restarts that master or a service requiring it.
            boolean needs = seen.contains(m) || required.contains(groupService.get(g));
            if (downL.contains(m) || (!masterUp && needs)) {
                List<Instance> targets = new ArrayList<>();
                for (Instance r : groupMembers.get(g)) {
                    if (!r.equals(m) && state.up(r, initiallyDown) && !downL.contains(r)) {
                        targets.add(r);
                    }
                }
                if (targets.isEmpty() || !quorumForFailover(g, state)) {
                    return;
                }
                moving.add(g);
                choices.add(targets);
            }
        }
        if (!clusterHolds(state, downL, downNow, moving)) {
            return;
        }
        chooseTargets(placed, state, failovers, layers, sub, moving, choices, 0, new HashMap<>());
    }

    private void chooseTargets(int placed, State state, int failovers, List<Layer> layers, int sub,
                               List<String> moving, List<List<Instance>> choices, int k, Map<String, Instance> chosen) {
        if (k == moving.size()) {
            if (failovers + chosen.size() >= bestFailovers) {
                return;
            }
            Map<String, Instance> master = new HashMap<>(state.master());
            master.putAll(chosen);
            Set<Instance> stopped = new HashSet<>(state.stopped());
            Set<Instance> started = new HashSet<>(state.started());
            for (int i = 0; i < n; i++) {
                if ((sub & (1 << i)) == 0) {
                    continue;
                }
                Step s = steps.get(i);
                if (s.action() instanceof StepAction.Stop) {
                    stopped.addAll(down.get(i));
                } else if (s.action() instanceof StepAction.Start) {
                    stopped.removeAll(touched.get(i));
                    started.addAll(touched.get(i));
                }
            }
            layers.add(new Layer(sub, new HashMap<>(chosen)));
            dfs(placed | sub, new State(master, stopped, started), failovers + chosen.size(), layers);
            layers.remove(layers.size() - 1);
            return;
        }
        for (Instance t : choices.get(k)) {
            chosen.put(moving.get(k), t);
            chooseTargets(placed, state, failovers, layers, sub, moving, choices, k + 1, chosen);
            chosen.remove(moving.get(k));
        }
    }

    private boolean quorumForFailover(String g, State state) {
        String sentinel = groupSentinel.get(g);
        if (sentinel == null) {
            return true;
        }
        SentinelService sg = (SentinelService) inv.service(sentinel).orElseThrow();
        long up = sg.instances().stream().filter(e -> state.up(new Instance(sg.name(), e), initiallyDown)).count();
        return up >= sg.votersNeeded();
    }

    /** App pools, sentinel voters, services required by a restart, and max_down_dcs in one wave. */
    private boolean countsHold(Set<Instance> downL, Set<Instance> downNow, Set<String> required) {
        for (Service s : inv.services().values()) {
            boolean hit = s.instances().stream().anyMatch(e -> downL.contains(new Instance(s.name(), e)));
            long up = s.instances().stream().filter(e -> !downNow.contains(new Instance(s.name(), e))).count();
            if (s instanceof AppService a && hit && up < a.minHealthy().required(a.instances().size())) {
                return false;
            }
            if (s instanceof SentinelService sg && hit && up < sg.votersNeeded()) {
                return false;
            }
            if (required.contains(s.name()) && up == 0) {
                return false;
            }
        }
        Integer max = inv.policy().maxDownDcs();
        if (max != null && !downL.isEmpty()) {
            Set<String> dcs = new HashSet<>();
            for (Instance i : downNow) {
                dcs.add(inv.dcOf(i.host()));
            }
            return dcs.size() <= max;
        }
        return true;
    }

    /** Redis Cluster: a majority of the masters up (after this wave's failovers), every shard serving. */
    private boolean clusterHolds(State state, Set<Instance> downL, Set<Instance> downNow, List<String> moving) {
        // Only what this wave takes down can break the rule: masters already down before the plan are the cluster's state.
        Map<String, int[]> perCluster = new HashMap<>();
        for (String g : groupNames) {
            if (!g.contains("/")) {
                continue;
            }
            int[] c = perCluster.computeIfAbsent(groupService.get(g), x -> new int[3]);
            c[0]++;
            if (!moving.contains(g) && downNow.contains(state.master().get(g))) {
                c[1]++;
                c[2] += downL.contains(state.master().get(g)) ? 1 : 0;
            }
            if (groupMembers.get(g).stream().allMatch(downNow::contains) && groupMembers.get(g).stream().anyMatch(downL::contains)) {
                return false;
            }
        }
        for (int[] c : perCluster.values()) {
            if (c[2] > 0 && c[1] > c[0] - (c[0] / 2 + 1)) {
                return false;
            }
        }
        return true;
    }

    /** The layered plan: each wave after the previous one's failovers (or steps). */
    private Plan build(List<Layer> layers) {
        List<Step> out = new ArrayList<>();
        List<String> previous = List.of();
        int f = 0;
        Map<String, Instance> master = new HashMap<>(declared);
        for (Layer layer : layers) {
            List<String> gap = new ArrayList<>();
            for (String g : groupNames) {
                Instance to = layer.failovers().get(g);
                if (to == null) {
                    continue;
                }
                Endpoint shard = g.contains("/") ? master.get(g).endpoint() : null;
                String id = "opt-f" + f++;
                out.add(new Step(id, new StepAction.Failover(groupService.get(g), to.endpoint(), shard), previous,
                        Hooks.NONE, null, null, null, null, steps.get(0).position()));
                master.put(g, to);
                gap.add(id);
            }
            List<String> before = gap.isEmpty() ? previous : gap;
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if ((layer.mask() & (1 << i)) != 0) {
                    Step s = steps.get(i);
                    out.add(new Step(s.id(), s.action(), before, s.hooks(), null, null, null, null, s.position()));
                    mine.add(s.id());
                }
            }
            previous = mine;
        }
        return new Plan("optimum", "plan.yaml", null, Order.GRAPH, out);
    }
}
