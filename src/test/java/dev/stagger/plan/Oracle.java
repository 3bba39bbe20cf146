package dev.stagger.plan;

import dev.stagger.graph.StepGraph;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An independent, brute-force safety check for tiny plans of maintain and failover steps: every set
 * of steps that may overlap is enumerated. It exists so the planner is not tested against itself.
 */
final class Oracle {
    private Oracle() {
    }

    /** The first problem found, or null when the plan is safe. */
    static String problem(Inventory inv, Plan plan) {
        StepGraph g = StepGraph.of(plan);
        List<Step> steps = g.steps();
        if (steps.size() > 16) {
            throw new IllegalArgumentException("too many steps for brute force");
        }
        Set<Instance> initiallyDown = inv.initiallyDown();
        // Masters at each step's start: the declared ones, moved by the failovers ordered before it.
        for (Step s : steps) {
            if (s.isFailover()) {
                StepAction.Failover f = (StepAction.Failover) s.action();
                Instance to = new Instance(f.service(), f.to());
                if (initiallyDown.contains(to)) {
                    return s.id() + ": failover target is down";
                }
                for (Step o : g.mayOverlapWith(s)) {
                    if (down(inv, o).contains(to)) {
                        return s.id() + ": failover target may be down during " + o.id();
                    }
                }
                if (masters(inv, g, s).contains(to)) {
                    return s.id() + ": failover target is already the master";
                }
                continue;
            }
            Set<Instance> masters = masters(inv, g, s);
            for (Instance i : down(inv, s)) {
                if (masters.contains(i)) {
                    return s.id() + " takes down master " + i;
                }
            }
        }
        List<Step> work = steps.stream().filter(Step::isMaintenance).toList();
        int n = work.size();
        for (int mask = 1; mask < (1 << n); mask++) {
            List<Step> set = new ArrayList<>();
            boolean antichain = true;
            for (int i = 0; i < n && antichain; i++) {
                if ((mask & (1 << i)) != 0) {
                    for (Step o : set) {
                        if (!g.mayOverlap(o, work.get(i))) {
                            antichain = false;
                        }
                    }
                    set.add(work.get(i));
                }
            }
            if (antichain) {
                String p = antichainProblem(inv, set, initiallyDown);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String antichainProblem(Inventory inv, List<Step> set, Set<Instance> initiallyDown) {
        Set<Instance> down = new HashSet<>(initiallyDown);
        Set<String> groupsTouched = new HashSet<>();
        Set<Instance> touched = new HashSet<>();
        for (Step s : set) {
            for (Instance i : touched(inv, s)) {
                if (!touched.add(i)) {
                    return "two overlapping steps touch " + i;
                }
            }
            Set<String> mine = new HashSet<>();
            for (Instance i : touched(inv, s)) {
                String grp = group(inv, i);
                if (grp != null && mine.add(grp) && !groupsTouched.add(grp)) {
                    return "two overlapping steps touch redis group " + grp + " " + ids(set);
                }
            }
            down.addAll(down(inv, s));
        }
        Set<String> restarted = new HashSet<>();
        for (Step s : set) {
            for (Instance i : touched(inv, s)) {
                restarted.add(i.service());
            }
        }
        for (Service svc : inv.services().values()) {
            long up = svc.instances().stream().filter(e -> !down.contains(new Instance(svc.name(), e))).count();
            if (svc instanceof AppService a) {
                if (up < a.minHealthy().required(a.instances().size())) {
                    return "min-healthy " + a.name() + " in " + ids(set);
                }
            } else if (svc instanceof SentinelService sg) {
                boolean touchedHere = sg.instances().stream().anyMatch(e -> touched.contains(new Instance(sg.name(), e)));
                if (touchedHere && up < sg.votersNeeded()) {
                    return "failover-quorum " + sg.name() + " in " + ids(set);
                }
            }
            boolean required = false;
            for (String r : restarted) {
                required |= inv.service(r).map(x -> x.requires().contains(svc.name())).orElse(false);
            }
            if (required && up == 0) {
                return "requires " + svc.name() + " in " + ids(set);
            }
        }
        Integer max = inv.policy().maxDownDcs();
        if (max != null) {
            Set<String> dcs = new TreeSet<>();
            for (Instance i : down) {
                dcs.add(inv.dcOf(i.host()));
            }
            if (dcs.size() > max) {
                return "max-down-dcs " + dcs + " in " + ids(set);
            }
        }
        return null;
    }

    private static List<String> ids(List<Step> set) {
        return set.stream().map(Step::id).toList();
    }

    /** The group an instance belongs to: its redis service, or its cluster shard. */
    static String group(Inventory inv, Instance i) {
        Service s = inv.service(i.service()).orElseThrow();
        if (s instanceof RedisService) {
            return s.name();
        }
        if (s instanceof RedisClusterService c) {
            for (List<Endpoint> shard : c.shards()) {
                if (shard.contains(i.endpoint())) {
                    return s.name() + "/" + shard.get(0);
                }
            }
        }
        return null;
    }

    private static Set<Instance> masters(Inventory inv, StepGraph g, Step at) {
        Set<Instance> out = new HashSet<>();
        for (Service s : inv.services().values()) {
            if (s instanceof RedisService r) {
                out.add(new Instance(r.name(), current(g, at, r.name(), null, r.master())));
            } else if (s instanceof RedisClusterService c) {
                for (List<Endpoint> shard : c.shards()) {
                    out.add(new Instance(c.name(), current(g, at, c.name(), shard, shard.get(0))));
                }
            }
        }
        return out;
    }

    /** Follows the failovers ordered before {@code at}, in order, from the declared master. */
    private static Endpoint current(StepGraph g, Step at, String service, List<Endpoint> shard, Endpoint declared) {
        Endpoint m = declared;
        for (Step a : g.ancestorsOf(at)) {
            if (a.action() instanceof StepAction.Failover f && f.service().equals(service)
                    && (shard == null || shard.contains(f.to()))) {
                m = f.to();
            }
        }
        return m;
    }

    static Set<Instance> touched(Inventory inv, Step s) {
        Set<Instance> out = new TreeSet<>();
        for (Target t : s.targets()) {
            out.addAll(inv.instancesOf(t));
        }
        return out;
    }

    static Set<Instance> down(Inventory inv, Step s) {
        return s.isMaintenance() ? touched(inv, s) : Set.of();
    }
}
