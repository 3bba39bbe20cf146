package dev.stagger.check;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each group's master is while a step runs. It starts at the declared master; a failover
 * moves it for every step the failover precedes. A failover that may overlap a step may or may not
 * have happened, so both the master before and after it stay possible: it does not protect the
 * step. A failover without {@code to} promotes an unknown replica: every replica becomes possible.
 */
final class Masters {
    /** What is known about a group's master during one step. */
    record View(Set<Endpoint> possible, List<Integer> overlapping, List<Integer> unnamed, int lastFailover) {
        boolean certain() {
            return possible.size() == 1;
        }
    }

    private final Poset poset;
    private final List<ReplicaGroup> groups;
    private final Map<ReplicaGroup, List<Integer>> failovers = new HashMap<>();
    private final Map<Integer, ReplicaGroup> groupOfFailover = new HashMap<>();
    private final Map<Integer, Set<Endpoint>> before = new HashMap<>();
    private final Map<Integer, Set<Endpoint>> after = new HashMap<>();
    /** The index in {@link #groups} of each instance's group: rules ask per step, not per group. */
    private final Map<Instance, List<Integer>> groupsOfInstance = new HashMap<>();
    private final Map<ReplicaGroup, Integer> indexOfGroup = new IdentityHashMap<>();
    /** The groups of each service in {@link #groups} order: a fleet has thousands of failovers and of groups. */
    private final Map<String, List<ReplicaGroup>> groupsOfService = new HashMap<>();

    Masters(Inventory inventory, Poset poset) {
        this.poset = poset;
        this.groups = ReplicaGroup.of(inventory);
        for (int k = 0; k < groups.size(); k++) {
            indexOfGroup.put(groups.get(k), k);
            groupsOfService.computeIfAbsent(groups.get(k).service(), x -> new ArrayList<>()).add(groups.get(k));
            for (Endpoint e : groups.get(k).members()) {
                groupsOfInstance.computeIfAbsent(groups.get(k).instance(e), x -> new ArrayList<>(1)).add(k);
            }
        }
        for (ReplicaGroup g : groups) {
            failovers.put(g, new ArrayList<>());
        }
        for (int i = 0; i < poset.size(); i++) {
            if (poset.step(i).action() instanceof StepAction.Failover f) {
                ReplicaGroup g = groupOf(f);
                if (g != null) {
                    failovers.get(g).add(i);
                    groupOfFailover.put(i, g);
                }
            }
        }
        // Topological order: every failover that precedes f is resolved before f.
        for (int i = 0; i < poset.size(); i++) {
            ReplicaGroup g = groupOfFailover.get(i);
            if (g == null) {
                continue;
            }
            StepAction.Failover f = (StepAction.Failover) poset.step(i).action();
            Set<Endpoint> b = view(g, i).possible();
            before.put(i, b);
            Set<Endpoint> a = new LinkedHashSet<>();
            if (f.to() != null) {
                a.add(f.to());
            } else {
                for (Endpoint e : g.members()) {
                    if (!(b.size() == 1 && b.contains(e))) {
                        a.add(e);
                    }
                }
            }
            after.put(i, a);
        }
    }

    private ReplicaGroup groupOf(StepAction.Failover f) {
        for (ReplicaGroup g : groupsOfService.getOrDefault(f.service(), List.of())) {
            if (!g.service().equals(f.service())) {
                continue;
            }
            if (!g.isShard()) {
                return g;
            }
            Endpoint key = f.shard() != null ? f.shard() : f.to();
            if (key != null && g.members().contains(key)) {
                return g;
            }
        }
        return null;
    }

    List<ReplicaGroup> groups() {
        return groups;
    }

    /**
     * The groups with a member among {@code instances} (plus {@code also} if not null), in the
     * order of {@link #groups()}: what a loop over every group filtered by "touches one of these"
     * yields, without visiting the thousands of groups a big fleet has.
     */
    List<ReplicaGroup> groupsTouching(Set<Instance> instances, ReplicaGroup also) {
        TreeSet<Integer> found = new TreeSet<>();
        for (Instance x : instances) {
            found.addAll(groupsOfInstance.getOrDefault(x, List.of()));
        }
        if (also != null) {
            Integer k = indexOfGroup.get(also);
            found.add(k != null ? k : groups.indexOf(also));
        }
        List<ReplicaGroup> out = new ArrayList<>(found.size());
        found.forEach(k -> out.add(groups.get(k)));
        return out;
    }

    /** The group a failover step moves, or null if it names none the inventory knows. */
    ReplicaGroup groupOfFailover(int step) {
        return groupOfFailover.get(step);
    }

    List<Integer> failoversOf(ReplicaGroup g) {
        return failovers.get(g);
    }

    Set<Endpoint> masterBefore(int failover) {
        return before.get(failover);
    }

    Set<Endpoint> masterAfter(int failover) {
        return after.get(failover);
    }

    /** The group's possible masters while step {@code i} is in progress (for a failover: before it acts). */
    View view(ReplicaGroup g, int i) {
        List<Integer> preceding = new ArrayList<>();
        List<Integer> overlapping = new ArrayList<>();
        for (int f : failovers.get(g)) {
            if (poset.precedes(f, i)) {
                preceding.add(f);
            } else if (poset.mayOverlap(f, i)) {
                overlapping.add(f);
            }
        }
        Set<Endpoint> possible = new LinkedHashSet<>();
        List<Integer> unnamed = new ArrayList<>();
        int last = -1;
        for (int f : preceding) {
            boolean latest = preceding.stream().noneMatch(o -> poset.precedes(f, o));
            if (latest) {
                possible.addAll(after.get(f));
                last = Math.max(last, f);
                if (((StepAction.Failover) poset.step(f).action()).to() == null) {
                    unnamed.add(f);
                }
            }
        }
        if (preceding.isEmpty()) {
            possible.add(g.declaredMaster());
        }
        for (int f : overlapping) {
            // A later failover not resolved yet (two failovers of one group unordered, which
            // `overlap` reports): any member may be the master.
            possible.addAll(before.getOrDefault(f, new LinkedHashSet<>(g.members())));
            possible.addAll(after.getOrDefault(f, new LinkedHashSet<>(g.members())));
        }
        return new View(possible, overlapping, unnamed, last);
    }
}
