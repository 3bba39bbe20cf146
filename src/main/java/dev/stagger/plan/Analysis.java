package dev.stagger.plan;

import dev.stagger.model.AppService;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
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
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the plan asks of the cluster, worked out once: each maintenance step's instances, data
 * centres and resources; the Redis groups and their masters; the capacity of every resource.
 * Written failover steps are set aside (the planner places its own) and edges through them kept.
 */
final class Analysis {
    final Inventory inventory;
    final Plan plan;
    final List<Work> work;
    /** The only part a scheduler run changes (it uses up the lanes): see {@link #withFreshLanes}. */
    final List<Resource> resources;
    final List<RedisGroup> groups;
    final Map<Instance, Integer> groupOf;
    /** The services with instances in {@link #groupOf}: the others' instances need no lookup there. */
    private final Set<String> groupServices;
    final Set<Instance> initiallyDown;
    /** Data centres with instances down before anything starts: they count against max_down_dcs throughout. */
    final Set<String> downDcs;
    /** How many more data centres may have instances down at once; null when the policy sets no limit. */
    final Integer allowedDcs;
    /** Written failover steps by group index, so a planned failover of the same group keeps their id and note. */
    final Map<Integer, List<Step>> writtenFailovers;
    /** Resource index of each pool, sentinel group or Redis group, by name. */
    final Map<String, Integer> resourceByName;
    /** The resource of each Redis group, by group index (-1 when no step touches it). */
    int[] groupResource;
    private final List<Integer> topological;
    private final int[][] succs;

    Analysis(Plan plan, Inventory inventory, PlanOptions options) {
        this.plan = plan;
        this.inventory = inventory;
        this.work = new ArrayList<>();
        this.resources = new ArrayList<>();
        this.groups = new ArrayList<>();
        this.groupOf = new HashMap<>();
        this.groupServices = new HashSet<>();
        this.downDcs = new TreeSet<>();
        this.writtenFailovers = new HashMap<>();
        this.resourceByName = new HashMap<>();
        this.initiallyDown = inventory.initiallyDown();
        for (Instance i : initiallyDown) {
            downDcs.add(inventory.dcOf(i.host()));
        }
        Integer max = inventory.policy().maxDownDcs();
        this.allowedDcs = max == null ? null : max - downDcs.size();
        collectGroups();
        collectWork();
        collectResources(options);
        this.succs = successors();
        this.topological = order();
    }

    /**
     * The same analysis with every lane free: each strategy's scheduler run uses up the lanes of the
     * resources it places steps on, and nothing else here changes after construction, so the next
     * run shares the rest (on a 50,000-host fleet, rebuilding it took longer than a scheduler run).
     */
    Analysis withFreshLanes() {
        return new Analysis(this);
    }

    private Analysis(Analysis o) {
        this.plan = o.plan;
        this.inventory = o.inventory;
        this.work = o.work;
        this.resources = new ArrayList<>(o.resources.size());
        for (Resource r : o.resources) {
            resources.add(r.unused());
        }
        this.groups = o.groups;
        this.groupOf = o.groupOf;
        this.groupServices = o.groupServices;
        this.initiallyDown = o.initiallyDown;
        this.downDcs = o.downDcs;
        this.allowedDcs = o.allowedDcs;
        this.writtenFailovers = o.writtenFailovers;
        this.resourceByName = o.resourceByName;
        this.groupResource = o.groupResource;
        this.topological = o.topological;
        this.succs = o.succs;
    }

    private void collectGroups() {
        for (Service s : inventory.services().values()) {
            if (s instanceof RedisService r) {
                addGroup(new RedisGroup(r.name(), false, r.instances(), r.master(), r.sentinel()));
            } else if (s instanceof RedisClusterService c) {
                for (List<Endpoint> shard : c.shards()) {
                    if (!shard.isEmpty()) {
                        addGroup(new RedisGroup(c.name(), true, shard, shard.get(0), null));
                    }
                }
            }
        }
    }

    private void addGroup(RedisGroup g) {
        int index = groups.size();
        groups.add(g);
        for (Endpoint e : g.instances()) {
            groupOf.put(new Instance(g.service(), e), index);
            groupServices.add(g.service());
        }
    }

    private void collectWork() {
        // Steps by id, only for plans with after edges: a rolling "*" over a fleet has none to look up.
        boolean anyAfter = false;
        for (Step s : plan.steps()) {
            anyAfter |= !s.after().isEmpty();
        }
        Map<String, Step> byId = new HashMap<>();
        Map<String, Integer> workIndex = new HashMap<>();
        if (anyAfter) {
            for (Step s : plan.steps()) {
                byId.put(s.id(), s);
            }
            for (Step s : plan.steps()) {
                if (!s.isFailover()) {
                    workIndex.put(s.id(), workIndex.size());
                }
            }
        }
        Map<String, Set<Integer>> memo = new HashMap<>();
        Map<Instance, Integer> lastStop = new HashMap<>();
        // Data centre names are shared by thousands of steps: one set per distinct combination.
        Map<Set<String>, Set<String>> sharedDcs = new HashMap<>();
        Map<String, Set<String>> oneDc = new HashMap<>();
        for (Step s : plan.steps()) {
            if (s.action() instanceof StepAction.Failover f) {
                rememberWrittenFailover(s, f);
                continue;
            }
            Set<Integer> preds = s.after().isEmpty() ? Set.of() : workPreds(s, byId, workIndex, memo);
            Set<Instance> touched = touched(s);
            boolean start = s.action() instanceof StepAction.Start;
            Set<Instance> down;
            if (start) {
                down = Set.of();
            } else if (initiallyDown.isEmpty()) {
                down = touched;
            } else {
                int n = 0;
                for (Instance i : touched) {
                    if (!initiallyDown.contains(i)) {
                        buffer[n++] = i;
                    }
                }
                down = InstanceSet.of(buffer, n);
            }
            Set<String> dcs = null;
            String host = null;
            String onlyDc = null;
            for (Instance i : down) {
                // Most steps take down instances of one host: its data centre is looked up once.
                if (!i.host().equals(host)) {
                    host = i.host();
                    String dc = inventory.dcOf(host);
                    if (downDcs.contains(dc) || dc.equals(onlyDc)) {
                        continue;
                    }
                    if (dcs == null && onlyDc == null) {
                        onlyDc = dc;
                    } else {
                        if (dcs == null) {
                            dcs = new TreeSet<>();
                            dcs.add(onlyDc);
                        }
                        dcs.add(dc);
                    }
                }
            }
            if (dcs != null) {
                dcs = sharedDcs.computeIfAbsent(dcs, k -> k);
            } else {
                // One data centre (or none), the common case: its shared set is found without making one.
                String key = onlyDc; // null for none: HashMap takes a null key
                dcs = oneDc.get(key);
                if (dcs == null) {
                    Set<String> one = new TreeSet<>();
                    if (onlyDc != null) {
                        one.add(onlyDc);
                    }
                    dcs = sharedDcs.computeIfAbsent(one, k -> k);
                    oneDc.put(key, dcs);
                }
            }
            int index = work.size();
            if (start || s.action() instanceof StepAction.Stop) {
                Set<Integer> withStops = null;
                for (Instance i : touched) {
                    // A start brings up what an earlier stop left down: it must follow that stop.
                    Integer stop = lastStop.get(i);
                    if (start && stop != null) {
                        if (withStops == null) {
                            withStops = new TreeSet<>(preds);
                        }
                        withStops.add(stop);
                    }
                    if (s.action() instanceof StepAction.Stop) {
                        lastStop.put(i, index);
                    }
                }
                if (withStops != null) {
                    preds = withStops;
                }
            }
            int[] p = new int[preds.size()];
            int k = 0;
            for (int x : preds) {
                p[k++] = x;
            }
            work.add(new Work(index, s, down, touched, dcs, p, NONE, NONE, NONE, NONE, NO_FLAGS));
        }
    }

    private static final int[] NONE = new int[0];
    private static final boolean[] NO_FLAGS = new boolean[0];

    /** Every instance the step's targets name, in instance order: {@link Inventory#instancesOf(List)} on an array. */
    private Set<Instance> touched(Step s) {
        int n = 0;
        for (Target t : s.targets()) {
            for (Instance i : inventory.instancesOnHost(t.host())) {
                if (t.service() == null || t.service().equals(i.service())) {
                    if (n == buffer.length) {
                        buffer = java.util.Arrays.copyOf(buffer, 2 * n);
                    }
                    buffer[n++] = i;
                }
            }
        }
        return InstanceSet.of(buffer, n);
    }

    /** Room for one step's instances while its set is made. */
    private Instance[] buffer = new Instance[16];

    private void rememberWrittenFailover(Step s, StepAction.Failover f) {
        for (int g = 0; g < groups.size(); g++) {
            RedisGroup group = groups.get(g);
            if (group.service().equals(f.service()) && (!group.shard() || group.master().equals(f.shard()))) {
                writtenFailovers.computeIfAbsent(g, k -> new ArrayList<>()).add(s);
                return;
            }
        }
    }

    /** The maintenance steps {@code s} waits for, looking through written failovers (which are replaced). */
    private Set<Integer> workPreds(Step s, Map<String, Step> byId, Map<String, Integer> workIndex,
                                   Map<String, Set<Integer>> memo) {
        Set<Integer> cached = memo.get(s.id());
        if (cached != null) {
            return cached;
        }
        Set<Integer> out = new TreeSet<>();
        for (String a : s.after()) {
            Integer w = workIndex.get(a);
            if (w != null) {
                out.add(w);
            } else if (byId.containsKey(a)) {
                out.addAll(workPreds(byId.get(a), byId, workIndex, memo));
            }
        }
        memo.put(s.id(), out);
        return out;
    }

    private void collectResources(PlanOptions options) {
        Map<String, Integer> touchCount = new HashMap<>();
        // Two steps touch an instance only where both name its host: instances are counted on steps
        // naming such a host alone (a rolling "*" names each host once: no instance is counted).
        Map<String, Integer> stepsOnHost = new HashMap<>(2 * work.size() + 16);
        for (Work w : work) {
            String last = null;
            for (Target t : w.step().targets()) {
                if (!t.host().equals(last)) {
                    stepsOnHost.merge(t.host(), 1, Integer::sum);
                    last = t.host();
                }
            }
        }
        Map<Instance, Integer> instanceTouches = new HashMap<>();
        boolean[] touchedGroups = new boolean[groups.size()];
        List<Instance> repeated = new ArrayList<>();
        for (Work w : work) {
            boolean shared = false;
            for (Target t : w.step().targets()) {
                shared |= stepsOnHost.get(t.host()) > 1;
            }
            String previous = null;
            for (Instance i : w.touched()) {
                if (shared && instanceTouches.merge(i, 1, Integer::sum) == 2) {
                    repeated.add(i);
                }
                // Touched instances are sorted by service: count each service once per step.
                if (!i.service().equals(previous)) {
                    touchCount.merge(i.service(), 1, Integer::sum);
                    previous = i.service();
                }
                Integer g = groupOf(i);
                if (g != null) {
                    touchedGroups[g] = true;
                }
            }
        }
        Set<String> required = new HashSet<>();
        for (String svc : touchCount.keySet()) {
            inventory.service(svc).ifPresent(s -> required.addAll(s.requires()));
        }
        for (Service s : inventory.services().values()) {
            if (!touchCount.containsKey(s.name())) {
                continue;
            }
            int n = s.instances().size();
            int up = n;
            if (!initiallyDown.isEmpty()) {
                up -= (int) s.instances().stream().filter(e -> initiallyDown.contains(new Instance(s.name(), e))).count();
            }
            if (s instanceof AppService a) {
                int need = a.minHealthy().required(n);
                String rule = "min-healthy";
                String why = a.name() + " keeps min_healthy " + a.minHealthy() + " of " + n;
                if (required.contains(a.name()) && need < 1) {
                    need = 1;
                    rule = "requires";
                    why = a.name() + " keeps a healthy instance for the services that require it";
                }
                addResource(s.name(), rule, why, up - need);
            } else if (s instanceof SentinelService sg) {
                addResource(s.name(), "failover-quorum", sg.name() + " keeps " + sg.votersNeeded() + " of " + n
                        + " sentinels up (quorum " + sg.quorum() + ", majority " + (n / 2 + 1) + ")",
                        up - sg.votersNeeded());
            }
        }
        groupResource = new int[groups.size()];
        java.util.Arrays.fill(groupResource, -1);
        for (int g = 0; g < touchedGroups.length; g++) {
            if (!touchedGroups[g]) {
                continue;
            }
            groupResource[g] = resources.size();
            addResource("group:" + g, "overlap", "one step at a time on redis group " + groups.get(g).label(), 1);
        }
        // Only instances touched by more than one step get a resource of their own, in instance order.
        java.util.Collections.sort(repeated);
        Map<Instance, Integer> instanceResource = new HashMap<>();
        for (Instance i : repeated) {
            if (!groupOf.containsKey(i)) {
                instanceResource.put(i, resources.size());
                addResource("instance:" + i, "overlap", i + " is touched by more than one step", 1);
            }
        }
        int global = -1;
        if (options.keepOrder() || options.maxParallel() > 0) {
            int cap = options.keepOrder() ? 1 : options.maxParallel();
            global = resources.size();
            addResource("parallel", "max-parallel", options.keepOrder()
                    ? "--keep-order: the steps run one at a time, as written"
                    : "--max-parallel " + cap + ": at most " + cap + " steps in progress at once", cap);
        }
        Instance[] declaredMasters = new Instance[groups.size()];
        for (int g = 0; g < declaredMasters.length; g++) {
            declaredMasters[g] = masterOf(g);
        }
        for (int k = 0; k < work.size(); k++) {
            work.set(k, withResources(work.get(k), instanceResource, global, declaredMasters));
        }
    }

    /**
     * The step's resources in a fixed order (for each touched instance: its pool or sentinel group,
     * its Redis group, its own overlap resource; then the groups; then --max-parallel), each with the
     * capacity the step uses of it. Small arrays searched in place: a step holds a handful.
     */
    private Work withResources(Work w, Map<Instance, Integer> instanceResource, int global, Instance[] declaredMasters) {
        int size = w.touched().size();
        int[] res = new int[2 * size + 1];
        int[] wt = new int[2 * size + 1];
        int[] gs = new int[size];
        int[] gDown = new int[size];
        boolean[] gMaster = new boolean[size];
        int nr = 0;
        int ng = 0;
        boolean allDown = w.down() == w.touched();
        for (Instance i : w.touched()) {
            Integer r = resourceByName.get(i.service());
            if (r != null && (allDown || w.down().contains(i))) {
                int at = indexOf(res, nr, r);
                if (at < 0) {
                    res[nr] = r;
                    wt[nr++] = 1;
                } else {
                    wt[at]++;
                }
            }
            Integer g = groupOf(i);
            if (g != null) {
                int at = indexOf(gs, ng, g);
                if (at < 0) {
                    at = ng;
                    gs[ng++] = g;
                }
                if (allDown || w.down().contains(i)) {
                    gDown[at]++;
                    gMaster[at] |= i.equals(declaredMasters[g]);
                }
            }
            Integer ir = instanceResource.isEmpty() ? null : instanceResource.get(i);
            if (ir != null) {
                int at = indexOf(res, nr, ir);
                if (at < 0) {
                    res[nr] = ir;
                    wt[nr++] = 1;
                } else {
                    wt[at] = 1;
                }
            }
        }
        if (nr + ng + 1 > res.length) {
            res = java.util.Arrays.copyOf(res, nr + ng + 1);
            wt = java.util.Arrays.copyOf(wt, nr + ng + 1);
        }
        for (int k = 0; k < ng; k++) {
            int r = groupResource[gs[k]];
            int at = indexOf(res, nr, r);
            if (at < 0) {
                res[nr] = r;
                wt[nr++] = 1;
            } else {
                wt[at] = 1;
            }
        }
        if (global >= 0) {
            int at = indexOf(res, nr, global);
            if (at < 0) {
                res[nr] = global;
                wt[nr++] = 1;
            } else {
                wt[at] = 1;
            }
        }
        res = java.util.Arrays.copyOf(res, nr);
        wt = java.util.Arrays.copyOf(wt, nr);
        for (int k = 0; k < nr; k++) {
            resources.get(res[k]).load += wt[k];
        }
        return new Work(w.index(), w.step(), w.down(), w.touched(), w.dcs(), w.preds(), res, wt,
                ng == 0 ? NONE : java.util.Arrays.copyOf(gs, ng), ng == 0 ? NONE : java.util.Arrays.copyOf(gDown, ng),
                ng == 0 ? NO_FLAGS : java.util.Arrays.copyOf(gMaster, ng));
    }

    /** The Redis group of {@code i}, or null: an app pool's or a sentinel's instance is not looked up. */
    private Integer groupOf(Instance i) {
        return groupServices.contains(i.service()) ? groupOf.get(i) : null;
    }

    private static int indexOf(int[] values, int size, int value) {
        for (int k = 0; k < size; k++) {
            if (values[k] == value) {
                return k;
            }
        }
        return -1;
    }

    private void addResource(String name, String rule, String reason, int capacity) {
        resourceByName.put(name, resources.size());
        resources.add(new Resource(name, rule, reason, capacity));
    }

    /** The group's instances that are up before anything starts. */
    List<Instance> upInstances(int g) {
        RedisGroup group = groups.get(g);
        List<Instance> out = new ArrayList<>();
        for (Endpoint e : group.instances()) {
            Instance i = new Instance(group.service(), e);
            if (!initiallyDown.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    Instance masterOf(int g) {
        RedisGroup group = groups.get(g);
        return new Instance(group.service(), group.master());
    }

    /** The maintenance step indexes in an order where every step follows the steps it waits for. */
    List<Integer> topological() {
        return topological;
    }

    /** The maintenance steps that wait for step {@code i} (its written successors), in index order. */
    int[] succs(int i) {
        return succs[i];
    }

    /**
     * The data centres of the instances {@code w} takes down: its {@link Work#dcs} (one set shared by
     * every step with the same ones) unless some data centres start with instances down, which
     * {@code dcs} leaves out.
     */
    Set<String> dcsDown(Work w) {
        if (downDcs.isEmpty()) {
            return w.dcs();
        }
        Set<String> dcs = new TreeSet<>();
        for (Instance i : w.down()) {
            dcs.add(inventory.dcOf(i.host()));
        }
        return dcs;
    }

    /** Each step's written successors, in index order; most steps have none. */
    private int[][] successors() {
        int n = work.size();
        int[] count = new int[n];
        for (Work w : work) {
            for (int p : w.preds()) {
                count[p]++;
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = count[i] == 0 ? NONE : new int[count[i]];
        }
        int[] filled = new int[n];
        for (Work w : work) {
            for (int p : w.preds()) {
                out[p][filled[p]++] = w.index();
            }
        }
        return out;
    }

    /** Worked out once: the bounds, the blocks and every strategy's priorities ask for it. */
    private List<Integer> order() {
        int n = work.size();
        int[] indegree = new int[n];
        for (Work w : work) {
            indegree[w.index()] = w.preds().length;
        }
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                queue.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(n);
        while (!queue.isEmpty()) {
            int i = queue.poll();
            order.add(i);
            for (int s : succs[i]) {
                if (--indegree[s] == 0) {
                    queue.add(s);
                }
            }
        }
        return java.util.Collections.unmodifiableList(order);
    }

    /**
     * Whether the plan needs group {@code g} to have a master: a step restarts its master, or a
     * service that requires its service. A step on a replica alone does not (the checker lets a
     * replica be maintained while the master is down), so no failover is owed for it.
     */
    boolean needsMaster(int g) {
        String service = groups.get(g).service();
        Instance master = masterOf(g);
        for (Work w : work) {
            for (Instance i : w.touched()) {
                if (i.equals(master)
                        || inventory.service(i.service()).map(s -> s.requires().contains(service)).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }
}
