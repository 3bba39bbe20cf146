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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    final List<Work> work = new ArrayList<>();
    final List<Resource> resources = new ArrayList<>();
    final List<RedisGroup> groups = new ArrayList<>();
    final Map<Instance, Integer> groupOf = new HashMap<>();
    final Set<Instance> initiallyDown;
    /** Data centres with instances down before anything starts: they count against max_down_dcs throughout. */
    final Set<String> downDcs = new TreeSet<>();
    /** How many more data centres may have instances down at once; null when the policy sets no limit. */
    final Integer allowedDcs;
    /** Written failover steps by group index, so a planned failover of the same group keeps their id and note. */
    final Map<Integer, List<Step>> writtenFailovers = new HashMap<>();
    /** Resource index of each pool, sentinel group or Redis group, by name. */
    final Map<String, Integer> resourceByName = new HashMap<>();
    /** The resource of each Redis group, by group index (-1 when no step touches it). */
    int[] groupResource;

    Analysis(Plan plan, Inventory inventory, PlanOptions options) {
        this.plan = plan;
        this.inventory = inventory;
        this.initiallyDown = inventory.initiallyDown();
        for (Instance i : initiallyDown) {
            downDcs.add(inventory.dcOf(i.host()));
        }
        Integer max = inventory.policy().maxDownDcs();
        this.allowedDcs = max == null ? null : max - downDcs.size();
        collectGroups();
        collectWork();
        collectResources(options);
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
        }
    }

    private void collectWork() {
        Map<String, Step> byId = new HashMap<>();
        for (Step s : plan.steps()) {
            byId.put(s.id(), s);
        }
        Map<String, Integer> workIndex = new HashMap<>();
        for (Step s : plan.steps()) {
            if (!s.isFailover()) {
                workIndex.put(s.id(), workIndex.size());
            }
        }
        Map<String, Set<Integer>> memo = new HashMap<>();
        Map<Instance, Integer> lastStop = new HashMap<>();
        for (Step s : plan.steps()) {
            if (s.action() instanceof StepAction.Failover f) {
                rememberWrittenFailover(s, f);
                continue;
            }
            Set<Integer> preds = new TreeSet<>(workPreds(s, byId, workIndex, memo));
            Set<Instance> touched = new TreeSet<>();
            for (Target t : s.targets()) {
                touched.addAll(inventory.instancesOf(t));
            }
            Set<Instance> down = new TreeSet<>();
            boolean start = s.action() instanceof StepAction.Start;
            if (!start) {
                for (Instance i : touched) {
                    if (!initiallyDown.contains(i)) {
                        down.add(i);
                    }
                }
            }
            Set<String> dcs = new TreeSet<>();
            for (Instance i : down) {
                String dc = inventory.dcOf(i.host());
                if (!downDcs.contains(dc)) {
                    dcs.add(dc);
                }
            }
            int index = work.size();
            for (Instance i : touched) {
                // A start brings up what an earlier stop left down: it must follow that stop.
                Integer stop = lastStop.get(i);
                if (start && stop != null) {
                    preds.add(stop);
                }
                if (s.action() instanceof StepAction.Stop) {
                    lastStop.put(i, index);
                }
            }
            int[] p = preds.stream().mapToInt(Integer::intValue).toArray();
            work.add(new Work(index, s, down, touched, dcs, p, new int[0], new int[0], new int[0]));
        }
    }

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
        Set<String> required = requiredByRestarts();
        Map<String, Integer> touchCount = new HashMap<>();
        Map<Instance, Integer> instanceTouches = new HashMap<>();
        for (Work w : work) {
            for (Instance i : w.touched()) {
                instanceTouches.merge(i, 1, Integer::sum);
            }
            for (String svc : services(w.touched())) {
                touchCount.merge(svc, 1, Integer::sum);
            }
        }
        for (Service s : inventory.services().values()) {
            if (!touchCount.containsKey(s.name())) {
                continue;
            }
            int n = s.instances().size();
            int up = n - (int) s.instances().stream().filter(e -> initiallyDown.contains(new Instance(s.name(), e))).count();
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
        Map<Integer, Boolean> touchedGroups = new TreeMap<>();
        for (Work w : work) {
            for (Instance i : w.touched()) {
                Integer g = groupOf.get(i);
                if (g != null) {
                    touchedGroups.put(g, true);
                }
            }
        }
        for (int g : touchedGroups.keySet()) {
            groupResource[g] = resources.size();
            addResource("group:" + g, "overlap", "one step at a time on redis group " + groups.get(g).label(), 1);
        }
        Map<Instance, Integer> instanceResource = new HashMap<>();
        for (Map.Entry<Instance, Integer> e : new TreeMap<>(instanceTouches).entrySet()) {
            if (e.getValue() > 1 && !groupOf.containsKey(e.getKey())) {
                instanceResource.put(e.getKey(), resources.size());
                addResource("instance:" + e.getKey(), "overlap", e.getKey() + " is touched by more than one step", 1);
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
        for (int k = 0; k < work.size(); k++) {
            work.set(k, withResources(work.get(k), instanceResource, global));
        }
    }

    private Work withResources(Work w, Map<Instance, Integer> instanceResource, int global) {
        Map<Integer, Integer> weights = new LinkedHashMap<>();
        Set<Integer> groupsTouched = new LinkedHashSet<>();
        for (Instance i : w.touched()) {
            Integer r = resourceByName.get(i.service());
            if (r != null && w.down().contains(i)) {
                weights.merge(r, 1, Integer::sum);
            }
            Integer g = groupOf.get(i);
            if (g != null) {
                groupsTouched.add(g);
            }
            Integer ir = instanceResource.get(i);
            if (ir != null) {
                weights.put(ir, 1);
            }
        }
        for (int g : groupsTouched) {
            weights.put(groupResource[g], 1);
        }
        if (global >= 0) {
            weights.put(global, 1);
        }
        int[] res = new int[weights.size()];
        int[] wt = new int[weights.size()];
        int k = 0;
        for (Map.Entry<Integer, Integer> e : weights.entrySet()) {
            res[k] = e.getKey();
            wt[k++] = e.getValue();
            resources.get(e.getKey()).load += e.getValue();
        }
        int[] gs = groupsTouched.stream().mapToInt(Integer::intValue).toArray();
        return new Work(w.index(), w.step(), w.down(), w.touched(), w.dcs(), w.preds(), res, wt, gs);
    }

    private void addResource(String name, String rule, String reason, int capacity) {
        resourceByName.put(name, resources.size());
        resources.add(new Resource(name, rule, reason, capacity));
    }

    /** App services some restarted instance requires: they must keep one healthy instance. */
    private Set<String> requiredByRestarts() {
        Set<String> out = new HashSet<>();
        for (String svc : services(allTouched())) {
            inventory.service(svc).ifPresent(s -> out.addAll(s.requires()));
        }
        return out;
    }

    private Set<Instance> allTouched() {
        Set<Instance> all = new HashSet<>();
        for (Work w : work) {
            all.addAll(w.touched());
        }
        return all;
    }

    private static Set<String> services(Set<Instance> instances) {
        Set<String> out = new HashSet<>();
        for (Instance i : instances) {
            out.add(i.service());
        }
        return out;
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
        int n = work.size();
        int[] indegree = new int[n];
        List<List<Integer>> succ = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            succ.add(new ArrayList<>());
        }
        for (Work w : work) {
            indegree[w.index()] = w.preds().length;
            for (int p : w.preds()) {
                succ.get(p).add(w.index());
            }
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
            for (int s : succ.get(i)) {
                if (--indegree[s] == 0) {
                    queue.add(s);
                }
            }
        }
        return order;
    }

    /**
     * Whether the plan needs group {@code g} to have a master: a step touches it, or restarts a
     * service that requires its service.
     */
    boolean needsMaster(int g) {
        String service = groups.get(g).service();
        for (Work w : work) {
            for (Instance i : w.touched()) {
                if (Integer.valueOf(g).equals(groupOf.get(i))
                        || inventory.service(i.service()).map(s -> s.requires().contains(service)).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }
}
