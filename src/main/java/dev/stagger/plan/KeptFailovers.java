package dev.stagger.plan;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The failovers the operator wrote, kept where safety allows. The planner places the failovers
 * safety needs itself and reuses a written one per group only for its id, hooks and note, with a
 * target of its own; a written failover it does not need (a deliberate move back at the end of the
 * maintenance, say) would be lost. Here, after planning:
 *
 * <ul>
 * <li>a reused written failover gets the operator's {@code to:} back when that target is safe at
 *     that point (the group's last move), else keeps the planner's and says why;</li>
 * <li>each written failover the plan left out is added back, one at a time in written order, after
 *     the steps it followed as written, after every step and failover of its group (it must not
 *     overlap them) and after every restart of a service that requires it, and kept when the result is safe, else left out with the rule and the fix.</li>
 * </ul>
 *
 * <p>"Safe" is the Checker's verdict on plans small enough to check cheaply ({@link Planner#CHECKED_STEPS}),
 * as for the planner's own plans; above that, the planner's rules: the target is a member of the group,
 * not already its master, and up when the failover runs, and nothing takes it down afterwards.
 */
final class KeptFailovers {
    private final Plan written;
    private final Inventory inventory;
    private final PlanResult planned;
    private final boolean checked;
    /** The plan being built, in output order (a topological order: waves, failovers first in each). */
    private final List<Step> steps;
    private final Map<String, Integer> position = new HashMap<>();
    private final Map<Edge, String> added;
    private final Map<String, String> inserted;
    private final Map<String, Integer> waveOf;
    /** Maintenance steps on the longest chain ending at each step, by position (as {@link ResultBuilder} counts). */
    private final List<Integer> depth = new ArrayList<>();
    private final Map<String, String> changes = new LinkedHashMap<>();
    private final List<String> kept = new ArrayList<>();
    private final Map<String, Set<Instance>> touchedBy = new HashMap<>();
    private Set<String> baseline;

    private KeptFailovers(Plan written, Inventory inventory, PlanResult planned, int checkedSteps) {
        this.written = written;
        this.inventory = inventory;
        this.planned = planned;
        this.steps = new ArrayList<>(planned.plan().steps());
        this.added = new LinkedHashMap<>(planned.addedEdges());
        this.inserted = new LinkedHashMap<>(planned.inserted());
        this.waveOf = new LinkedHashMap<>(planned.waveOf());
        long maintenance = steps.stream().filter(Step::isMaintenance).count();
        this.checked = maintenance <= checkedSteps;
        reindex();
        for (Step s : steps) {
            depth.add(depthOf(s));
        }
    }

    /** The planned result with the operator's failovers kept where safe; unchanged when none was written. */
    static PlanResult keep(Plan written, Inventory inventory, PlanResult planned) {
        return keep(written, inventory, planned, Planner.CHECKED_STEPS);
    }

    /** As {@link #keep(Plan, Inventory, PlanResult)}, the Checker judging plans up to {@code checkedSteps} maintenance steps. */
    static PlanResult keep(Plan written, Inventory inventory, PlanResult planned, int checkedSteps) {
        if (planned.isRefused() || written.steps().stream().noneMatch(Step::isFailover)) {
            return planned;
        }
        return new KeptFailovers(written, inventory, planned, checkedSteps).run();
    }

    private PlanResult run() {
        Map<String, Step> writtenById = new HashMap<>();
        for (Step w : written.steps()) {
            writtenById.put(w.id(), w);
        }
        for (int i = 0; i < steps.size(); i++) {
            Step w = writtenById.get(steps.get(i).id());
            if (w != null && w.action() instanceof StepAction.Failover f && f.to() != null
                    && steps.get(i).action() instanceof StepAction.Failover g && !f.to().equals(g.to())) {
                retarget(i, f);
            }
        }
        for (int k = 0; k < written.steps().size(); k++) {
            Step w = written.steps().get(k);
            if (w.isFailover() && !position.containsKey(w.id())) {
                addBack(w, k, writtenById);
            }
        }
        if (kept.isEmpty() && changes.isEmpty() && steps.equals(planned.plan().steps())) {
            return planned;
        }
        Plan p = planned.plan();
        int failovers = planned.failovers() + kept.size();
        return new PlanResult(new Plan(p.name(), p.file(), p.inventoryPath(), Order.GRAPH, List.copyOf(steps)), added,
                inserted, waveOf, planned.waves(), failovers, planned.bounds(), aboveBound(failovers), List.of(),
                waves(), changes);
    }

    // ---- a reused written failover: the operator's target when it is safe ----

    private void retarget(int i, StepAction.Failover asWritten) {
        Step planned = steps.get(i);
        StepAction.Failover ours = (StepAction.Failover) planned.action();
        RedisGroup g = groupOf(ours);
        String later = null;
        for (int j = i + 1; j < steps.size() && g != null; j++) {
            if (steps.get(j).action() instanceof StepAction.Failover f && g.equals(groupOf(f))) {
                later = steps.get(j).id();
                break;
            }
        }
        String why;
        if (g == null) {
            why = "the planner chose the replica that is up and maintained at that point";
        } else if (later != null) {
            // Its later failovers start from the planner's target: another one here would make their reasons false.
            why = "the plan moves the master of " + g.label() + " again in " + later + ", planned from " + ours.to();
        } else {
            Step mine = withAction(planned, new StepAction.Failover(ours.service(), asWritten.to(), ours.shard()), planned.after());
            steps.set(i, mine);
            why = checked ? checkerSays(mine.id(), true) : ownRules(mine, g, ancestors(i));
            if (why == null) {
                retold(mine, g, ours.to(), asWritten.to());
                return;
            }
            steps.set(i, planned);
        }
        changes.put(planned.id(), "retargeted: written step " + planned.id() + " fails over to " + ours.to() + ", not to "
                + asWritten.to() + " as written: " + why);
    }

    /** The reasons around a failover that now promotes {@code to} instead of {@code was}. */
    private void retold(Step f, RedisGroup g, Endpoint was, Endpoint to) {
        String reason = inserted.get(f.id());
        if (reason != null) {
            int cut = reason.indexOf(": move it first to ");
            inserted.put(f.id(), (cut >= 0 ? reason.substring(0, cut) : "the master of " + g.label() + " moves")
                    + ": move it first to " + to + " (" + inventory.dcOf(to.host()) + "), as written");
        }
        String stale = was + " is maintained before it becomes the master of ";
        for (String p : f.after()) {
            Edge e = new Edge(p, f.id());
            String r = added.get(e);
            if (r != null && r.startsWith(stale)) {
                added.put(e, touched(p).contains(g.instance(to))
                        ? to + " is maintained before it becomes the master of " + g.label()
                        : "touches " + g.label() + ": " + f.id() + " fails over once it is done");
            }
        }
        String moves = " moves to " + was + " before ";
        added.replaceAll((e, r) -> e.from().equals(f.id()) && r != null && r.contains(moves)
                ? r.replace(moves, " moves to " + to + " before ") : r);
    }

    // ---- a written failover the plan left out: added back after what it must follow ----

    private void addBack(Step w, int writtenIndex, Map<String, Step> writtenById) {
        StepAction.Failover f = (StepAction.Failover) w.action();
        RedisGroup g = groupOf(f);
        if (g == null) {
            changes.put(w.id(), dropped(w, "its service or shard is not a Redis group of the inventory"));
            return;
        }
        Map<String, String> preds = new LinkedHashMap<>();
        if (written.order() == Order.SEQUENCE) {
            for (int k = 0; k < writtenIndex; k++) {
                String p = written.steps().get(k).id();
                if (position.containsKey(p)) {
                    offer(preds, p, "order: sequence: written before " + w.id());
                }
            }
        } else {
            writtenPreds(w, w, writtenById, new HashSet<>(), preds);
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.action() instanceof StepAction.Failover other) {
                if (g.equals(groupOf(other))) {
                    offer(preds, s.id(), "moves the master of " + g.label() + " first: " + w.id() + " fails over after it");
                }
            } else if (touched(s).stream().anyMatch(g::contains)) {
                offer(preds, s.id(), "touches " + g.label() + ": " + w.id() + " fails over once it is done");
            } else if (!(s.action() instanceof StepAction.Stop) && restartsARequirer(s, g.service())) {
                // While it may overlap, the app could come up against either master: the Checker counts both.
                offer(preds, s.id(), "restarts a service that requires " + g.service() + ": it completes before "
                        + w.id() + " moves the master");
            }
        }
        List<Integer> direct = reduced(preds.keySet());
        List<String> after = new ArrayList<>(direct.size());
        int d = 0;
        for (int p : direct) {
            after.add(steps.get(p).id());
            d = Math.max(d, depth.get(p));
        }
        Step mine = withAction(w, f, List.copyOf(after));
        int at = insertionPoint(d, direct);
        steps.add(at, mine);
        depth.add(at, d);
        reindex();
        String why = checked ? checkerSays(mine.id(), false) : ownRules(mine, g, null);
        if (why != null) {
            steps.remove(at);
            depth.remove(at);
            reindex();
            changes.put(w.id(), dropped(w, why));
            return;
        }
        for (String p : after) {
            String r = preds.get(p);
            if (r != null) {
                added.put(new Edge(p, mine.id()), r);
            }
        }
        int waves = planned.waves();
        waveOf.put(mine.id(), waves > 0 ? Math.min(d + 1, waves) : d + 1);
        kept.add(mine.id());
    }

    /** The written {@code after} of {@code s}, looking through written failovers the plan leaves out. */
    private void writtenPreds(Step kept, Step s, Map<String, Step> writtenById, Set<String> seen, Map<String, String> out) {
        for (String a : s.after()) {
            if (!seen.add(a)) {
                continue;
            }
            if (position.containsKey(a)) {
                // The operator's own edge: no comment, as for every written edge. The reasons name no
                // step of their own, so that a reason shared by many edges is said once.
                offer(out, a, s == kept ? null : "as written: " + kept.id() + " follows " + a + " through " + s.id()
                        + ", which is not in the plan");
            } else if (writtenById.containsKey(a)) {
                writtenPreds(kept, writtenById.get(a), writtenById, seen, out);
            }
        }
    }

    private boolean restartsARequirer(Step s, String service) {
        for (Instance i : touched(s)) {
            Service svc = inventory.service(i.service()).orElse(null);
            if (svc != null && svc.requires().contains(service)) {
                return true;
            }
        }
        return false;
    }

    /** The first reason for an edge wins; null (the operator's own edge) is a reason too. */
    private static void offer(Map<String, String> preds, String from, String why) {
        if (!preds.containsKey(from)) {
            preds.put(from, why);
        }
    }

    private String dropped(Step w, String why) {
        return "dropped: written step " + w.id() + " (" + ((StepAction.Failover) w.action()).describe() + ") is not in the plan: "
                + why;
    }

    /** The candidates that no other candidate follows: the edges a reader needs, the rest implied. */
    private List<Integer> reduced(Set<String> candidates) {
        boolean[] implied = new boolean[steps.size()];
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        for (String c : candidates) {
            for (String p : steps.get(position.get(c)).after()) {
                todo.push(position.get(p));
            }
        }
        while (!todo.isEmpty()) {
            int i = todo.pop();
            if (!implied[i]) {
                implied[i] = true;
                for (String p : steps.get(i).after()) {
                    todo.push(position.get(p));
                }
            }
        }
        List<Integer> out = new ArrayList<>();
        for (String c : candidates) {
            if (!implied[position.get(c)]) {
                out.add(position.get(c));
            }
        }
        out.sort(null);
        return out;
    }

    /** Steps {@code i} follows, by position. */
    private boolean[] ancestors(int i) {
        boolean[] seen = new boolean[steps.size()];
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(i);
        while (!todo.isEmpty()) {
            for (String p : steps.get(todo.pop()).after()) {
                int k = position.get(p);
                if (!seen[k]) {
                    seen[k] = true;
                    todo.push(k);
                }
            }
        }
        return seen;
    }

    /**
     * Where a failover of depth {@code d} goes in the output order: as {@link ResultBuilder} lists it,
     * first in the wave it clears the way for, and after every step it follows.
     */
    private int insertionPoint(int d, List<Integer> preds) {
        int at = 0;
        while (at < steps.size()) {
            Step s = steps.get(at);
            int key = s.isFailover() ? depth.get(at) + 1 : depth.get(at);
            if (key > d + 1 || (key == d + 1 && s.isMaintenance())) {
                break;
            }
            at++;
        }
        for (int p : preds) {
            at = Math.max(at, p + 1);
        }
        return at;
    }

    // ---- the verdict ----

    /**
     * Null when the plan as it stands is safe by the Checker, else the first new finding, its rule and
     * its fix. Warnings count only for a retarget: both targets are then safe, and the planner's leaves
     * no warning (a spread of a cluster's masters, say) that the operator's would.
     */
    private String checkerSays(String id, boolean warningsCount) {
        if (baseline == null) {
            baseline = new HashSet<>();
            for (Diagnostic d : Checker.check(inventory, StepGraph.of(planned.plan()))) {
                baseline.add(d.rule() + ": " + d.message());
            }
        }
        Plan p = planned.plan();
        Plan now = new Plan(p.name(), p.file(), p.inventoryPath(), Order.GRAPH, List.copyOf(steps));
        Diagnostic first = null;
        int best = 0;
        for (Diagnostic d : Checker.check(inventory, StepGraph.of(now))) {
            if ((d.isError() || warningsCount) && !baseline.contains(d.rule() + ": " + d.message())) {
                // An error before a warning; among them, one that names the failover itself.
                int score = 1 + (d.isError() ? 2 : 0) + (d.steps().contains(id) ? 1 : 0);
                if (score > best) {
                    first = d;
                    best = score;
                }
            }
        }
        return first == null ? null : first.rule() + ": " + first.message() + (first.fix() == null ? "" : "; to keep it: " + first.fix());
    }

    /**
     * The planner's rules for a failover {@code f} of {@code g}, on plans too large to check: its target
     * is a member, not the master already, up when it runs, and taken down by no step that does not
     * precede it. {@code before} marks the steps it follows; null when it follows every step of its group.
     */
    private String ownRules(Step f, RedisGroup g, boolean[] before) {
        int me = position.get(f.id());
        Endpoint master = g.master();
        for (int i = 0; i < me; i++) {
            if ((before == null || before[i]) && steps.get(i).action() instanceof StepAction.Failover o && g.equals(groupOf(o))) {
                master = o.to();
            }
        }
        Endpoint to = ((StepAction.Failover) f.action()).to();
        if (master == null) {
            return "no-failover-target: an earlier failover of " + g.label() + " names no `to`, so the master is unknown when "
                    + f.id() + " runs; name it with `to:`";
        }
        List<Endpoint> candidates = new ArrayList<>();
        if (to != null) {
            if (!g.instances().contains(to)) {
                return "no-failover-target: " + f.id() + " promotes " + to + ", which is not an instance of " + g.label();
            }
            if (to.equals(master)) {
                return "no-failover-target: " + f.id() + " promotes " + to + ", which is already the master of " + g.label()
                        + " at that point; remove " + f.id() + ", or name another replica in `to:`";
            }
            candidates.add(to);
        } else {
            for (Endpoint e : g.instances()) {
                if (!e.equals(master)) {
                    candidates.add(e);
                }
            }
        }
        String why = g.label() + " has no replica";
        for (Endpoint c : candidates) {
            why = downWhen(f, g.instance(c), me, before);
            if (why == null) {
                return null;
            }
        }
        return "no-failover-target: " + f.id() + " has no healthy replica of " + g.label() + " to promote: " + why;
    }

    /** Why {@code x} may be down when step {@code me} runs or be taken down after it; null when surely up. */
    private String downWhen(Step f, Instance x, int me, boolean[] before) {
        Step last = null;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (i == me || !touched(s).contains(x)) {
                continue;
            }
            if (i > me || (before != null && !before[i])) {
                return x.endpoint() + " is taken down by " + s.id() + ", which may run after " + f.id();
            }
            last = s;
        }
        if (last != null && last.action() instanceof StepAction.Stop) {
            return x.endpoint() + " is left down by " + last.id();
        }
        if (last == null && inventory.initiallyDown().contains(x)) {
            return x.endpoint() + " is on a host that is down";
        }
        return null;
    }

    // ---- the figures ----

    private List<String> aboveBound(int failovers) {
        int bound = planned.bounds().failovers();
        if (kept.isEmpty() || failovers <= bound) {
            return planned.aboveBound();
        }
        List<String> out = new ArrayList<>();
        String ours = "failovers " + planned.failovers() + " > lower bound ";
        for (String why : planned.aboveBound()) {
            out.add(why.startsWith(ours) ? "the planner's " + why : why);
        }
        out.add("failovers " + failovers + " > lower bound " + bound + ": " + String.join(", ", kept)
                + (kept.size() == 1 ? " is the operator's failover" : " are the operator's failovers")
                + ", kept as written (the maintenance itself does not need " + (kept.size() == 1 ? "it" : "them") + ")");
        return List.copyOf(out);
    }

    private List<PlanResult.Wave> waves() {
        List<PlanResult.Wave> out = new ArrayList<>(planned.waveList());
        for (String id : kept) {
            int w = waveOf.get(id);
            if (w >= 1 && w <= out.size()) {
                PlanResult.Wave old = out.get(w - 1);
                out.set(w - 1, old.withOneMoreFailover());
            }
        }
        return List.copyOf(out);
    }

    // ---- helpers ----

    private void reindex() {
        position.clear();
        for (int i = 0; i < steps.size(); i++) {
            position.put(steps.get(i).id(), i);
        }
    }

    private int depthOf(Step s) {
        int d = 0;
        for (String p : s.after()) {
            d = Math.max(d, depth.get(position.get(p)));
        }
        return s.isMaintenance() ? d + 1 : d;
    }

    private Set<Instance> touched(Step s) {
        return touched(s.id(), s);
    }

    private Set<Instance> touched(String id) {
        return touched(id, steps.get(position.get(id)));
    }

    private Set<Instance> touched(String id, Step s) {
        return touchedBy.computeIfAbsent(id, k -> inventory.instancesOf(s.targets()));
    }

    private static Step withAction(Step s, StepAction action, List<String> after) {
        return new Step(s.id(), action, after, s.hooks(), s.minReady(), s.readyTimeout(), s.note(), s.rollingGroup(),
                s.position(), s.hookTimeout());
    }

    /** The replication group (or cluster shard) a failover moves, or null when the inventory has none. */
    private RedisGroup groupOf(StepAction.Failover f) {
        Service s = inventory.service(f.service()).orElse(null);
        if (s instanceof RedisService r) {
            return new RedisGroup(r.name(), false, r.instances(), r.master(), r.sentinel());
        }
        if (s instanceof RedisClusterService c && f.shard() != null) {
            for (List<Endpoint> shard : c.shards()) {
                if (shard.contains(f.shard())) {
                    return new RedisGroup(c.name(), true, shard, shard.get(0), null);
                }
            }
        }
        return null;
    }
}
