package dev.stagger.plan;

import dev.stagger.check.MasterPlacement;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Instance;
import dev.stagger.model.Position;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Leaves the masters of every Redis Cluster the plan moves spread over the data centres, so that a
 * planned plan passes {@code validate --strict} on {@code cluster-dc-majority} whenever some
 * placement can (stagger issue 12, point 4).
 *
 * <p>The scheduler moves each master just before its host goes down, to a replica chosen for that
 * moment; where the masters end decides the warning. When they end with a data centre holding half
 * or more of them, the cheapest placement that spreads them ({@link MasterPlacement#cheapest}) is
 * reached by, per shard that must end elsewhere: retargeting the shard's last failover to a member
 * in the right data centre, when that member is up then and nothing later takes it down (free); else
 * one failover added after every step on the shard (one each). When no placement can spread them,
 * the plan stays as it is and the checker's warning says that the layout must change. A cluster
 * already crowded before the plan is left alone too: the checker warns on the inventory whatever the
 * plan does, and rebalancing it is the operator's call, not part of the maintenance.
 *
 * <p>{@link ExactSearch} counts these failovers in each schedule it weighs ({@link Cost}), so on
 * small plans the fewest failovers include them.
 */
final class MasterSpread {
    /** Nothing added. */
    static final MasterSpread NONE = new MasterSpread(List.of(), List.of());

    /** The failover nodes added, by index. */
    final List<Integer> added;
    /** Why the plan has more failovers than the maintenance needs: one line per cluster that got some. */
    final List<String> why;

    private MasterSpread(List<Integer> added, List<String> why) {
        this.added = added;
        this.why = why;
    }

    /**
     * Retargets or adds failovers in {@code nodes} (after {@link FailoverChain#link}: added ones
     * are chained after the last failover, so that no two overlap and the listing stays in order).
     */
    static MasterSpread apply(Analysis a, List<Node> nodes) {
        return new Pass(a, nodes).run();
    }

    /**
     * The failovers {@link #apply} adds to spread the masters from where a schedule leaves them, for
     * searches that weigh whole schedules ({@link ExactSearch}): each cluster crowded at the end but
     * not before, the fewest shards to move to a member up at the end; 0 where no placement can.
     * A search that tries every failover target covers retargeting by itself.
     */
    static final class Cost {
        private final Analysis a;
        /** Per cluster that is spread before the plan: its shard (group) indexes. */
        private final List<List<Integer>> clusters = new ArrayList<>();
        private final Set<Instance> stoppedSomewhere = new HashSet<>();

        Cost(Analysis a) {
            this.a = a;
            Map<String, List<Integer>> shardsOf = new TreeMap<>();
            for (int g = 0; g < a.groups.size(); g++) {
                if (a.groups.get(g).shard()) {
                    shardsOf.computeIfAbsent(a.groups.get(g).service(), k -> new ArrayList<>()).add(g);
                }
            }
            for (List<Integer> shards : shardsOf.values()) {
                List<Instance> declared = new ArrayList<>();
                shards.forEach(g -> declared.add(a.masterOf(g)));
                if (crowdedDc(a, declared) == null) {
                    clusters.add(shards);
                }
            }
            for (Work w : a.work) {
                if (w.isStop()) {
                    stoppedSomewhere.addAll(w.touched());
                }
            }
        }

        int of(Instance[] master) {
            if (clusters.isEmpty()) {
                return 0;
            }
            int total = 0;
            for (List<Integer> shards : clusters) {
                List<Instance> end = new ArrayList<>();
                shards.forEach(g -> end.add(master[g]));
                if (crowdedDc(a, end) == null) {
                    continue;
                }
                List<Map<String, Integer>> costs = new ArrayList<>();
                for (int g : shards) {
                    Map<String, Integer> c = new TreeMap<>();
                    RedisGroup group = a.groups.get(g);
                    for (Endpoint e : group.instances()) {
                        Instance i = new Instance(group.service(), e);
                        if (!a.initiallyDown.contains(i) && !stoppedSomewhere.contains(i)) {
                            c.putIfAbsent(a.inventory.dcOf(i.host()), 1);
                        }
                    }
                    c.put(a.inventory.dcOf(master[g].host()), 0);
                    costs.add(c);
                }
                int k = 0;
                List<String> placed = MasterPlacement.cheapest(costs).orElse(null);
                for (int s = 0; placed != null && s < shards.size(); s++) {
                    k += costs.get(s).get(placed.get(s));
                }
                total += k;
            }
            return total;
        }
    }

    /** The DC holding the most of {@code masters} when it holds half or more of them, else null. */
    static String crowdedDc(Analysis a, List<Instance> masters) {
        Map<String, Integer> perDc = new TreeMap<>();
        masters.forEach(m -> perDc.merge(a.inventory.dcOf(m.host()), 1, Integer::sum));
        String crowded = null;
        for (Map.Entry<String, Integer> e : perDc.entrySet()) {
            if (2 * e.getValue() >= masters.size() && (crowded == null || e.getValue() > perDc.get(crowded))) {
                crowded = e.getKey();
            }
        }
        return crowded;
    }

    /** The work of one {@link #apply}. */
    private static final class Pass {
        private final Analysis a;
        private final List<Node> nodes;
        private final int[] lastFailover;
        private final Set<Instance> stoppedSomewhere = new HashSet<>();
        private final Set<String> usedIds = new HashSet<>();
        private final Map<Integer, boolean[]> ancestorsOf = new HashMap<>();
        private final List<Integer> added = new ArrayList<>();
        private final List<String> why = new ArrayList<>();

        Pass(Analysis a, List<Node> nodes) {
            this.a = a;
            this.nodes = nodes;
            lastFailover = new int[a.groups.size()];
            java.util.Arrays.fill(lastFailover, -1);
            for (int k = 0; k < nodes.size(); k++) {
                Node n = nodes.get(k);
                if (n.isFailover()) {
                    lastFailover[n.group] = k; // a group's failovers are chained on its lane in list order
                }
            }
        }

        MasterSpread run() {
            Map<String, List<Integer>> shardsOf = new TreeMap<>();
            Set<String> moved = new HashSet<>();
            for (int g = 0; g < a.groups.size(); g++) {
                RedisGroup group = a.groups.get(g);
                if (group.shard()) {
                    shardsOf.computeIfAbsent(group.service(), k -> new ArrayList<>()).add(g);
                    if (lastFailover[g] >= 0) {
                        moved.add(group.service());
                    }
                }
            }
            // Like the checker, judge only the clusters the plan moves: an untouched one keeps its declared masters.
            shardsOf.keySet().retainAll(moved);
            if (shardsOf.isEmpty()) {
                return NONE;
            }
            for (Work w : a.work) {
                if (w.isStop()) {
                    stoppedSomewhere.addAll(w.touched());
                }
            }
            for (Node n : nodes) {
                usedIds.add(n.step.id());
            }
            for (Step s : a.plan.steps()) {
                usedIds.add(s.id());
            }
            shardsOf.forEach(this::spread);
            return added.isEmpty() && why.isEmpty() ? NONE : new MasterSpread(List.copyOf(added), List.copyOf(why));
        }

        private void spread(String service, List<Integer> shards) {
            List<Instance> declared = new ArrayList<>();
            for (int g : shards) {
                declared.add(a.masterOf(g));
            }
            if (crowdedDc(a, declared) != null) {
                // Crowded before the plan: the checker warns on the inventory, with the failovers that would
                // spread it, whatever the plan does. Rebalancing is the operator's call, not maintenance.
                return;
            }
            List<Instance> end = new ArrayList<>();
            Map<String, Integer> perDc = new TreeMap<>();
            for (int g : shards) {
                Instance m = masterAtEnd(g);
                end.add(m);
                perDc.merge(dcOf(m), 1, Integer::sum);
            }
            String crowded = crowdedDc(a, end);
            if (crowded == null) {
                return;
            }
            List<Map<String, Integer>> costs = new ArrayList<>();
            for (int k = 0; k < shards.size(); k++) {
                costs.add(costs(shards.get(k), end.get(k)));
            }
            List<String> placed = MasterPlacement.cheapest(costs).orElse(null);
            if (placed == null) {
                return; // no placement spreads them: only a change of layout can (the checker's warning says how)
            }
            String context = service + " would end with " + crowded + " holding " + perDc.get(crowded) + " of the "
                    + shards.size() + " masters (cluster-dc-majority: maintaining or losing " + crowded
                    + " would leave no majority to fail over)";
            int before = added.size();
            int retargeted = 0;
            List<Integer> toAdd = new ArrayList<>();
            for (int k = 0; k < shards.size(); k++) {
                String dc = placed.get(k);
                if (dc.equals(dcOf(end.get(k)))) {
                    continue;
                }
                Instance free = retargetIn(shards.get(k), dc);
                if (free != null) {
                    retarget(shards.get(k), free, service);
                    retargeted++;
                } else {
                    toAdd.add(k);
                }
            }
            // Added last: the ancestor sets computed for retargeting cover the nodes as they were.
            for (int k : toAdd) {
                add(shards.get(k), end.get(k), firstUpAtEnd(shards.get(k), placed.get(k)), context);
            }
            int n = added.size() - before;
            if (n > 0) {
                why.add(count(n, "failover") + " after the maintenance " + (n == 1 ? "spreads" : "spread")
                        + " the masters of " + service + ": the maintenance leaves " + crowded + " with "
                        + perDc.get(crowded) + " of the " + shards.size() + " (cluster-dc-majority)"
                        + (retargeted > 0 ? "; " + count(retargeted, "other failover") + " chose a target that spreads them" : ""));
            }
        }

        /**
         * What it costs for shard {@code g} to end with its master in each DC it can: 0 where it ends
         * now, or where its last failover can be retargeted; 1 where a failover must be added.
         */
        private Map<String, Integer> costs(int g, Instance end) {
            Map<String, Integer> out = new TreeMap<>();
            out.put(dcOf(end), 0);
            RedisGroup group = a.groups.get(g);
            for (Endpoint e : group.instances()) {
                Instance i = new Instance(group.service(), e);
                if (i.equals(end) || !upAtEnd(i) || out.getOrDefault(dcOf(i), 1) == 0) {
                    continue;
                }
                out.put(dcOf(i), retargetable(g, i) ? 0 : 1);
            }
            return out;
        }

        private Instance masterAtEnd(int g) {
            int f = lastFailover[g];
            if (f < 0) {
                return a.masterOf(g);
            }
            StepAction.Failover action = (StepAction.Failover) nodes.get(f).step.action();
            return new Instance(a.groups.get(g).service(), action.to());
        }

        private boolean upAtEnd(Instance i) {
            // Conservative: an instance some step stops is not counted on, even if another starts it.
            return !a.initiallyDown.contains(i) && !stoppedSomewhere.contains(i);
        }

        /**
         * Whether the last failover of {@code g} may promote {@code to} instead: a replica that is up
         * then and stays up, every step that takes it down being complete before the failover.
         */
        private boolean retargetable(int g, Instance to) {
            int f = lastFailover[g];
            if (f < 0) {
                return false;
            }
            StepAction.Failover action = (StepAction.Failover) nodes.get(f).step.action();
            if (to.endpoint().equals(action.shard()) || to.endpoint().equals(action.to())) {
                return false;
            }
            boolean[] before = ancestors(f);
            for (int k = 0; k < nodes.size(); k++) {
                Node n = nodes.get(k);
                if (!n.isFailover() && a.work.get(n.work).down().contains(to) && (k >= before.length || !before[k])) {
                    return false;
                }
            }
            return true;
        }

        private Instance retargetIn(int g, String dc) {
            RedisGroup group = a.groups.get(g);
            for (Endpoint e : group.instances()) {
                Instance i = new Instance(group.service(), e);
                if (dcOf(i).equals(dc) && upAtEnd(i) && retargetable(g, i)) {
                    return i;
                }
            }
            return null;
        }

        private Instance firstUpAtEnd(int g, String dc) {
            RedisGroup group = a.groups.get(g);
            for (Endpoint e : group.instances()) {
                Instance i = new Instance(group.service(), e);
                if (dcOf(i).equals(dc) && upAtEnd(i)) {
                    return i;
                }
            }
            throw new IllegalStateException("the placement chose " + dc + ", where " + group.label() + " has no instance up");
        }

        /** The nodes every path into {@code f} comes from (the steps complete before it starts). */
        private boolean[] ancestors(int f) {
            return ancestorsOf.computeIfAbsent(f, x -> {
                boolean[] seen = new boolean[nodes.size()];
                ArrayDeque<Integer> todo = new ArrayDeque<>();
                addAll(todo, nodes.get(x).preds);
                while (!todo.isEmpty()) {
                    int p = todo.poll();
                    if (!seen[p]) {
                        seen[p] = true;
                        addAll(todo, nodes.get(p).preds);
                    }
                }
                return seen;
            });
        }

        private static void addAll(ArrayDeque<Integer> todo, Preds preds) {
            for (int k = 0; k < preds.size(); k++) {
                todo.add(preds.at(k));
            }
        }

        /** The last failover of {@code g} promotes {@code to} instead; its reasons say so. */
        private void retarget(int g, Instance to, String service) {
            int f = lastFailover[g];
            Node old = nodes.get(f);
            StepAction.Failover action = (StepAction.Failover) old.step.action();
            Endpoint oldTo = action.to();
            RedisGroup group = a.groups.get(g);
            Step st = old.step;
            Step step = new Step(st.id(), new StepAction.Failover(action.service(), to.endpoint(), action.shard()), st.after(),
                    st.hooks(), st.minReady(), st.readyTimeout(), st.note(), st.rollingGroup(), st.position(), st.hookTimeout());
            String toDc = dcOf(to);
            String fromDc = a.inventory.dcOf(action.shard().host());
            boolean[] before = ancestors(f);
            boolean maintained = false;
            for (int k = 0; k < before.length; k++) {
                Node n = nodes.get(k);
                maintained |= before[k] && !n.isFailover() && a.work.get(n.work).down().contains(to);
            }
            String cause = old.reason == null ? "" : old.reason;
            int cut = cause.indexOf(": move it first to ");
            String reason = (cut >= 0 ? cause.substring(0, cut) : "the master of " + group.label() + " moves")
                    + ": move it first to " + to.endpoint() + " (" + toDc
                    + (toDc.equals(fromDc) ? ", same data centre" : ", another data centre") + "), "
                    + (maintained ? "whose maintenance is already done" : "which this plan does not take down")
                    + "; there it leaves the masters of " + service + " spread at the end (cluster-dc-majority)";
            Node replaced = new Node(step, -1, reason, g);
            replaced.wave = old.wave;
            String lane = a.groupResource[g] >= 0 ? a.resources.get(a.groupResource[g]).reason : null;
            String stale = oldTo + " is maintained before it becomes the master of ";
            for (int k = 0; k < old.preds.size(); k++) {
                int p = old.preds.at(k);
                String r = old.preds.reason(k);
                String kept = r;
                if (r != null && r.startsWith(stale)) {
                    kept = lane;
                }
                Node pred = nodes.get(p);
                if (!pred.isFailover() && a.work.get(pred.work).down().contains(to)) {
                    kept = to.endpoint() + " is maintained before it becomes the master of " + group.label();
                }
                replaced.preds.put(p, kept);
            }
            nodes.set(f, replaced);
            String moves = " moves to " + oldTo + " before ";
            for (Node n : nodes) {
                String r = n.preds.get(f);
                if (r != null && r.contains(moves)) {
                    n.preds.put(f, r.replace(moves, " moves to " + to.endpoint() + " before "));
                }
            }
        }

        /**
         * A failover of {@code g} from {@code from} to {@code to} after every step on the shard, every
         * restart of a service that requires the cluster, and the last failover of the plan.
         */
        private void add(int g, Instance from, Instance to, String context) {
            RedisGroup group = a.groups.get(g);
            String id = freshId(group);
            Step step = new Step(id, new StepAction.Failover(group.service(), to.endpoint(), from.endpoint()), List.of(),
                    Hooks.NONE, null, null, null, null, Position.of(a.plan.file()));
            String reason = context + ": move the master of " + group.label() + " from " + from.endpoint() + " to "
                    + to.endpoint() + " (" + dcOf(to) + ") once the steps on the shard are done";
            Node node = new Node(step, -1, reason, g);
            int tail = lastOfChain();
            int index = nodes.size();
            for (int k = 0; k < nodes.size(); k++) {
                Node n = nodes.get(k);
                if (n.isFailover()) {
                    if (n.group == g) {
                        node.addPred(k, "the master of " + group.label() + " settles after its failovers");
                    }
                    continue;
                }
                Work w = a.work.get(n.work);
                if (touches(w, g)) {
                    node.addPred(k, "the masters are spread once the steps on " + group.label() + " are done");
                } else if (!w.isStop() && requires(w, group.service())) {
                    node.addPred(k, n.step.id() + " restarts a service that requires " + group.service()
                            + ": it completes before the masters are spread");
                }
            }
            if (tail >= 0) {
                node.addPred(tail, FailoverChain.WHY);
            }
            Integer global = a.resourceByName.get("parallel");
            if (global != null && a.resources.get(global).initialCapacity == 1 && index > 0) {
                // One step at a time (--keep-order, --max-parallel 1): the spreading failovers come last.
                node.addPred(lastInSequence(), a.resources.get(global).reason);
            }
            node.wave = nodes.get(Math.max(0, tail)).wave;
            nodes.add(node);
            added.add(index);
        }

        /** The failover every other one precedes (the chain's tail), or -1. */
        private int lastOfChain() {
            boolean[] hasFailoverSucc = new boolean[nodes.size()];
            for (Node n : nodes) {
                if (n.isFailover()) {
                    for (int k = 0; k < n.preds.size(); k++) {
                        hasFailoverSucc[n.preds.at(k)] = true;
                    }
                }
            }
            int tail = -1;
            for (int k = 0; k < nodes.size(); k++) {
                if (nodes.get(k).isFailover() && !hasFailoverSucc[k]) {
                    tail = k;
                }
            }
            return tail;
        }

        /** In a one-at-a-time plan, the node no other follows. */
        private int lastInSequence() {
            boolean[] hasSucc = new boolean[nodes.size()];
            for (Node n : nodes) {
                for (int k = 0; k < n.preds.size(); k++) {
                    hasSucc[n.preds.at(k)] = true;
                }
            }
            for (int k = nodes.size() - 1; k >= 0; k--) {
                if (!hasSucc[k]) {
                    return k;
                }
            }
            return nodes.size() - 1;
        }

        private boolean touches(Work w, int g) {
            for (int x : w.groups()) {
                if (x == g) {
                    return true;
                }
            }
            return false;
        }

        private boolean requires(Work w, String service) {
            for (Instance i : w.touched()) {
                if (a.inventory.service(i.service()).map(s -> s.requires().contains(service)).orElse(false)) {
                    return true;
                }
            }
            return false;
        }

        private String freshId(RedisGroup group) {
            String base = "failover-" + group.service() + "-" + group.master().host() + "-" + group.master().port();
            String id = base;
            for (int k = 2; usedIds.contains(id); k++) {
                id = base + "-" + k;
            }
            usedIds.add(id);
            return id;
        }

        private static String count(int n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }

        private String dcOf(Instance i) {
            return a.inventory.dcOf(i.host());
        }
    }
}
