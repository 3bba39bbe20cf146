package dev.stagger.plan;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Instance;
import dev.stagger.model.Position;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Places the maintenance steps into waves, greedily and in priority order, and builds the planned
 * graph as it goes: each step is chained after the last holder of every lane it takes (see
 * {@link Resource}), and a failover is slotted into a Redis group's chain right before the step that
 * would take its master down.
 *
 * <p>Priority: steps that head the longest chains of written {@code after} edges first; then steps
 * that do not take down a master (so replicas are maintained first and each master moves once, to
 * a host already done); then steps on the most loaded resource; then the order written.
 */
final class Scheduler {
    private final Analysis a;
    private final boolean sequential;
    private final List<Node> nodes = new ArrayList<>();
    private final int[] nodeOfWork;
    private final Instance[] master;
    private final Map<Instance, Integer> pendingDowns = new HashMap<>();
    private final Set<Instance> done = new HashSet<>();
    private final Set<Instance> stopped = new HashSet<>();
    private final int[] moves;
    private final Map<Integer, List<String>> movedAgain = new HashMap<>();
    private final Set<String> usedIds = new HashSet<>();
    private final Map<Integer, Integer> writtenUsed = new HashMap<>();
    private final int[] remainingPreds;
    private int wave;
    private boolean strict;
    private final Map<Integer, Integer> earlyFailovers = new HashMap<>();
    private int variant;
    /** With a data-centre rank per step ({@link DcOrder}): the DC-major priority; null for the others. */
    private int[] dcRank;
    /** A schedule found by {@link ExactSearch} to follow instead of the greedy choices, or null. */
    private ExactSearch.Schedule forced;
    /** The shard (group) indexes of each Redis Cluster, by service name. */
    private final Map<String, List<Integer>> shardsOf = new HashMap<>();
    /** Groups whose declared master is on a host declared down. */
    private final List<Integer> downMasters = new ArrayList<>();

    Scheduler(Analysis analysis, boolean sequential) {
        this.a = analysis;
        this.sequential = sequential;
        int n = a.work.size();
        nodeOfWork = new int[n];
        java.util.Arrays.fill(nodeOfWork, -1);
        master = new Instance[a.groups.size()];
        moves = new int[a.groups.size()];
        for (int g = 0; g < master.length; g++) {
            master[g] = a.masterOf(g);
            if (a.initiallyDown.contains(master[g])) {
                downMasters.add(g);
            }
            if (a.groups.get(g).shard()) {
                shardsOf.computeIfAbsent(a.groups.get(g).service(), k -> new ArrayList<>()).add(g);
            }
        }
        remainingPreds = new int[n];
        for (Work w : a.work) {
            remainingPreds[w.index()] = w.preds().length;
            // Only Redis instances are asked about (as failover targets), and only a step on a group takes one down.
            if (w.groups().length > 0) {
                for (Instance i : w.down()) {
                    pendingDowns.merge(i, 1, Integer::sum);
                }
            }
        }
        for (var s : a.plan.steps()) {
            // Only these can clash with the ids freshId makes.
            if (s.id().startsWith(FRESH_ID)) {
                usedIds.add(s.id());
            }
        }
    }

    /** Places every step in the wave {@code schedule} gives it, with the failover targets it chose. */
    Scheduler follow(ExactSearch.Schedule schedule) {
        this.forced = schedule;
        return this;
    }

    /**
     * Orders every step (and failover) of each wave after every step of the wave before: the
     * schedule as searched, for when the resource chains alone leave an overlap the checker refuses
     * (a stopped instance's data centre, a start racing a failover).
     */
    void layerWaves() {
        Map<Integer, List<Integer>> byWave = new HashMap<>();
        for (int k = 0; k < nodes.size(); k++) {
            if (!nodes.get(k).isFailover()) {
                byWave.computeIfAbsent(nodes.get(k).wave, x -> new ArrayList<>()).add(k);
            }
        }
        for (int k = 0; k < nodes.size(); k++) {
            Node node = nodes.get(k);
            for (int p : byWave.getOrDefault(node.wave - 1, List.of())) {
                node.addPred(p, "wave " + node.wave + " of the fewest-waves schedule starts after wave " + (node.wave - 1));
            }
        }
    }

    List<Node> nodes() {
        return nodes;
    }

    int[] moves() {
        return moves;
    }

    /** Why groups moved more than once, by group index. */
    Map<Integer, List<String>> movedAgain() {
        return movedAgain;
    }

    /**
     * Schedules every block of steps in turn (blocks: the data centres max_down_dcs lets be down
     * together); the next block starts only after the previous one is complete, or, where the
     * block's reason is null, is only scheduled after it (its steps wait only for the lanes they share).
     *
     * @return false when some step could never be placed (no failover target ever comes up)
     */
    boolean run(List<List<Integer>> blocks, List<String> blockReasons) {
        Comparator<Integer> priority = priority();
        List<Integer> previousSinks = List.of();
        for (int b = 0; b < blocks.size(); b++) {
            List<Integer> block = blocks.get(b);
            String blockReason = blockReasons.get(b);
            int blockStart = nodes.size();
            int firstWave = wave + 1;
            if (!scheduleBlock(block, priority)) {
                return false;
            }
            List<Integer> sources = new ArrayList<>();
            boolean[] hasSucc = new boolean[nodes.size() - blockStart];
            for (int k = blockStart; k < nodes.size(); k++) {
                boolean source = true;
                Preds preds = nodes.get(k).preds;
                for (int j = 0; j < preds.size(); j++) {
                    int p = preds.at(j);
                    if (p >= blockStart) {
                        source = false;
                        hasSucc[p - blockStart] = true;
                    }
                }
                if (source) {
                    sources.add(k);
                }
            }
            // A null reason: the blocks only order the scheduling (the lanes order what conflicts).
            if (blockReason != null && !previousSinks.isEmpty()) {
                int barrier = afterPreviousBlock(sources, previousSinks, blockReason, firstWave);
                if (barrier >= 0) {
                    hasSucc[barrier - blockStart] = true;
                }
            }
            List<Integer> sinks = new ArrayList<>();
            for (int k = 0; k < hasSucc.length; k++) {
                if (!hasSucc[k]) {
                    sinks.add(blockStart + k);
                }
            }
            previousSinks = sinks;
        }
        if (!sequential) {
            orderRestartsAroundFailovers();
        }
        return true;
    }

    /**
     * Orders every source of a block after every sink of the block before (max_down_dcs: their data
     * centres may not be down together). Edge by edge that is sinks x sources, 16,666 x 16,666 for a
     * data centre of a 50,000-host fleet; through one barrier it is sinks + sources. The barrier is a
     * failover of the block's first wave when there is one (a failover counts in no wave, and the
     * block's failovers move masters to hosts the blocks before maintained), else, when the edges
     * would be many, the block's first source (which then runs alone: one wave more, said above the
     * bound). Returns the barrier, or -1 when the edges go one by one.
     */
    private int afterPreviousBlock(List<Integer> sources, List<Integer> previousSinks, String reason, int firstWave) {
        long direct = (long) sources.size() * previousSinks.size();
        long through = sources.size() + previousSinks.size() - 1L;
        int barrier = -1;
        if (direct > through) {
            boolean failoverFirst = false;
            for (int s : sources) {
                if (nodes.get(s).isFailover() && nodes.get(s).wave == firstWave) {
                    failoverFirst = true;
                    if (!earlyFailovers.containsValue(s)) {
                        barrier = s;
                        break;
                    }
                }
            }
            // A step barrier must not wait for a failover of its own wave (restarts are ordered after those).
            if (barrier < 0 && !failoverFirst && direct > BARRIER_FACTOR * (through + 1)) {
                barrier = sources.get(0);
                stepBarriers++;
            }
        }
        if (barrier < 0) {
            for (int s : sources) {
                for (int p : previousSinks) {
                    nodes.get(s).addPred(p, reason);
                }
            }
            return -1;
        }
        for (int p : previousSinks) {
            nodes.get(barrier).addPred(p, reason);
        }
        for (int s : sources) {
            if (s != barrier) {
                nodes.get(s).addPred(barrier, reason);
            }
        }
        return barrier;
    }

    /**
     * Edges one by one between blocks are kept while they are at most this many times the edges
     * through a barrier step (a step barrier costs a wave; small plans keep their waves).
     */
    static final int BARRIER_FACTOR = 16;

    /** How many block boundaries have a maintenance step as their barrier (each costs a wave). */
    private int stepBarriers;

    int stepBarriers() {
        return stepBarriers;
    }

    /**
     * A step that restarts a service requiring a Redis group must see one master for the whole
     * step: order it before or after each failover of that group, whichever its wave allows.
     */
    private void orderRestartsAroundFailovers() {
        Map<String, List<Integer>> failoversByService = new HashMap<>();
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            if (n.isFailover()) {
                failoversByService.computeIfAbsent(a.groups.get(n.group).service(), x -> new ArrayList<>()).add(k);
            }
        }
        // Only the steps on services that require a group with a failover can need an edge here.
        Set<String> requiring = new HashSet<>();
        for (var s : a.inventory.services().values()) {
            for (String r : s.requires()) {
                if (failoversByService.containsKey(r)) {
                    requiring.add(s.name());
                }
            }
        }
        if (requiring.isEmpty()) {
            return;
        }
        for (int k = 0; k < nodes.size(); k++) {
            Node n = nodes.get(k);
            if (n.isFailover() || n.step.action() instanceof StepAction.Stop) {
                continue;
            }
            Set<String> required = null;
            for (Instance i : a.work.get(n.work).touched()) {
                var s = requiring.contains(i.service()) ? a.inventory.services().get(i.service()) : null;
                if (s != null) {
                    if (required == null) {
                        required = new java.util.TreeSet<>();
                    }
                    required.addAll(s.requires());
                }
            }
            for (String r : required == null ? Set.<String>of() : required) {
                for (int f : failoversByService.getOrDefault(r, List.of())) {
                    Node fo = nodes.get(f);
                    boolean early = earlyFailovers.containsValue(f);
                    if (!early && n.wave < fo.wave) {
                        fo.addPred(k, n.step.id() + " restarts a service that requires " + r
                                + ": it completes before the master of " + a.groups.get(fo.group).label() + " moves");
                    } else {
                        n.addPred(f, n.step.id() + " restarts a service that requires " + r
                                + ": it starts after the master of " + a.groups.get(fo.group).label() + " has moved");
                    }
                }
            }
        }
    }

    private boolean scheduleBlock(List<Integer> block, Comparator<Integer> priority) {
        if (forced != null) {
            return followBlock(block);
        }
        int[] rank = ranks(priority);
        boolean[] inBlock = new boolean[a.work.size()];
        int[] ready = new int[block.size()];
        int size = 0;
        for (int i : block) {
            inBlock[i] = true;
            if (remainingPreds[i] == 0) {
                ready[size++] = i;
            }
        }
        sortByRank(ready, size, rank);
        int left = block.size();
        int[] next = new int[block.size()];
        int[] placed = new int[block.size()];
        while (left > 0) {
            if (size == 0) {
                return false;
            }
            wave++;
            int nPlaced = 0;
            // The ready steps in priority order; those that do not fit wait for the next wave, in the same order.
            // First only with failover targets that will not be needed back; if that places nothing, any target.
            for (int pass = 0; pass < 2 && nPlaced == 0; pass++) {
                strict = pass == 0;
                int kept = 0;
                for (int k = 0; k < size; k++) {
                    int i = ready[k];
                    if ((!sequential || nPlaced == 0) && fits(a.work.get(i))) {
                        place(a.work.get(i));
                        placed[nPlaced++] = i;
                    } else {
                        next[kept++] = i;
                    }
                }
                int[] t = ready;
                ready = next;
                next = t;
                size = kept;
            }
            if (nPlaced == 0) {
                return false;
            }
            left -= nPlaced;
            int added = 0;
            for (int k = 0; k < nPlaced; k++) {
                for (int s : a.succs(placed[k])) {
                    if (--remainingPreds[s] == 0 && inBlock[s]) {
                        next[added++] = s;
                    }
                }
            }
            if (added > 0) {
                sortByRank(next, added, rank);
                size = merge(ready, size, next, added, rank);
            }
        }
        return true;
    }

    /** Each step's place in {@code priority} order: the order is fixed for the whole run, so it is sorted once. */
    private int[] ranks(Comparator<Integer> priority) {
        if (rankCache != null && rankCacheFor == priority) {
            return rankCache;
        }
        int n = a.work.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, priority);
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) {
            rank[order[k]] = k;
        }
        rankCache = rank;
        rankCacheFor = priority;
        return rank;
    }

    private int[] rankCache;
    private Comparator<Integer> rankCacheFor;

    private static void sortByRank(int[] steps, int size, int[] rank) {
        long[] keyed = new long[size];
        for (int k = 0; k < size; k++) {
            keyed[k] = ((long) rank[steps[k]] << 32) | steps[k];
        }
        java.util.Arrays.sort(keyed);
        for (int k = 0; k < size; k++) {
            steps[k] = (int) keyed[k];
        }
    }

    /**
     * Merges the sorted {@code extra} into the sorted first {@code size} of {@code ready} (which has room:
     * a block's steps are ready at most once); returns the new size.
     */
    private static int merge(int[] ready, int size, int[] extra, int count, int[] rank) {
        int i = size - 1;
        int j = count - 1;
        int k = size + count - 1;
        while (j >= 0) {
            if (i >= 0 && rank[ready[i]] > rank[extra[j]]) {
                ready[k--] = ready[i--];
            } else {
                ready[k--] = extra[j--];
            }
        }
        return size + count;
    }

    private boolean followBlock(List<Integer> block) {
        int first = wave;
        for (int k = 1; k <= forced.waves(); k++) {
            wave = first + k;
            strict = false;
            for (int i : block) {
                if (forced.waveOf()[i] == k) {
                    if (!fits(a.work.get(i))) {
                        return false;
                    }
                    place(a.work.get(i));
                }
            }
        }
        return true;
    }

    private Comparator<Integer> priority() {
        if (sequential) {
            return Comparator.naturalOrder();
        }
        int n = a.work.size();
        int[] height = new int[n];
        List<Integer> order = a.topological();
        for (int k = order.size() - 1; k >= 0; k--) {
            int i = order.get(k);
            height[i] = 1;
            for (int s : a.succs(i)) {
                height[i] = Math.max(height[i], height[s] + 1);
            }
        }
        int[] holdsMaster = new int[n];
        long[] pressure = new long[n];
        for (Work w : a.work) {
            // Before the run every master is where the inventory declares it.
            for (int k = 0; k < w.groups().length; k++) {
                if (w.takesMasterDown(k)) {
                    holdsMaster[w.index()]++;
                }
            }
            for (int k = 0; k < w.resources().length; k++) {
                Resource r = a.resources.get(w.resources()[k]);
                long bound = (r.load + Math.max(1, r.capacity()) - 1) / Math.max(1, r.capacity());
                pressure[w.index()] = Math.max(pressure[w.index()], bound);
            }
        }
        if (dcRank != null) {
            // DC-major: one data centre after another, the ones with the fewest masters first.
            return Comparator.<Integer>comparingInt(i -> -height[i])
                    .thenComparingInt(i -> dcRank[i])
                    .thenComparingInt(i -> holdsMaster[i])
                    .thenComparingLong(i -> -pressure[i])
                    .thenComparingInt(i -> i);
        }
        if (variant == 0) {
            return Comparator.<Integer>comparingInt(i -> -height[i])
                    .thenComparingInt(i -> holdsMaster[i])
                    .thenComparingLong(i -> -pressure[i])
                    .thenComparingInt(i -> i);
        }
        // Another try of the same greedy: ties broken in a shuffled (seeded, so deterministic) order,
        // and the pressure and master criteria weighed differently.
        int[] rank = new int[n];
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            perm.add(i);
        }
        java.util.Collections.shuffle(perm, new java.util.Random(variant));
        for (int k = 0; k < n; k++) {
            rank[perm.get(k)] = k;
        }
        Comparator<Integer> byHeight = Comparator.comparingInt(i -> -height[i]);
        return switch (variant % 4) {
            // Replicas before masters even against the written chains: a chain headed by a master host moves it twice.
            case 3 -> Comparator.<Integer>comparingInt(i -> holdsMaster[i]).thenComparingInt(i -> -height[i])
                    .thenComparingLong(i -> -pressure[i]).thenComparingInt(i -> rank[i]);
            case 0 -> byHeight.thenComparingInt(i -> holdsMaster[i]).thenComparingLong(i -> -pressure[i]).thenComparingInt(i -> rank[i]);
            case 1 -> byHeight.thenComparingInt(i -> holdsMaster[i]).thenComparingInt(i -> rank[i]);
            default -> byHeight.thenComparingLong(i -> -pressure[i]).thenComparingInt(i -> holdsMaster[i]).thenComparingInt(i -> rank[i]);
        };
    }

    /** Which try of the greedy priority this is: 0 the standard one, others shuffled (see {@link #priority}). */
    Scheduler variant(int v) {
        this.variant = v;
        return this;
    }

    /** Prefers steps in the data centres ranked first ({@link DcOrder#stepRanks}). */
    Scheduler dataCentreMajor(int[] ranks) {
        this.dcRank = ranks;
        return this;
    }

    private boolean fits(Work w) {
        for (int k = 0; k < w.resources().length; k++) {
            if (a.resources.get(w.resources()[k]).free(wave) < w.weights()[k]) {
                return false;
            }
        }
        List<Integer> moving = moving(w);
        Instance to = null;
        for (int g : moving) {
            to = target(g, w);
            if (to == null || (strict && strandsMaster(g, w, to))) {
                return false;
            }
        }
        fitted = w;
        fittedMoving = moving;
        // With two masters to move, the first move can change the second one's best target: only one is kept.
        fittedTarget = moving.size() == 1 ? to : null;
        return true;
    }

    /** What {@link #fits} found for the step it last accepted, which {@link #place} places next, in the same state. */
    private Work fitted;
    private List<Integer> fittedMoving;
    private Instance fittedTarget;

    private void place(Work w) {
        int node = nodes.size();
        nodes.add(new Node(w.step(), w.index(), null, -1));
        nodeOfWork[w.index()] = node;
        Node me = nodes.get(node);
        me.wave = wave;
        for (int p : w.preds()) {
            me.addPred(nodeOfWork[p], null);
        }
        boolean known = fitted == w;
        List<Integer> moving = known ? fittedMoving : moving(w);
        for (int g : moving) {
            insertFailover(g, w, me, known ? fittedTarget : null);
        }
        fitted = null;
        for (int k = 0; k < w.resources().length; k++) {
            Resource r = a.resources.get(w.resources()[k]);
            List<Integer> before = r.take(wave, w.weights()[k], node, w.isStop() && r.countsInstances());
            // A resource whose whole load fits in its capacity never needs an order between its steps.
            boolean contended = r.load > r.initialCapacity || r.name.startsWith("group:");
            if (contended && (!sequential || "max-parallel".equals(r.rule))) {
                for (int b : before) {
                    me.addPred(b, r.reason);
                }
            }
        }
        if (w.isStart()) {
            for (Instance i : w.touched()) {
                if (stopped.remove(i) || a.initiallyDown.contains(i)) {
                    Integer r = a.resourceByName.get(i.service());
                    if (r != null) {
                        a.resources.get(r).addLanes(1, node);
                    }
                }
            }
        }
        boolean onGroups = w.groups().length > 0;
        boolean stop = w.isStop();
        for (Instance i : w.down()) {
            if (onGroups) {
                pendingDowns.merge(i, -1, Integer::sum);
                done.add(i);
            }
            if (stop) {
                stopped.add(i);
            }
        }
    }

    /**
     * The groups whose master must move before {@code w}: it takes the master down, or the master is
     * on a host declared down (so the group has no master) and {@code w} touches the group or restarts
     * a service that requires it.
     */
    private List<Integer> moving(Work w) {
        if (w.groups().length == 0 && downMasters.isEmpty()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>(1);
        for (int g : w.groups()) {
            if (w.down().contains(master[g]) || (a.initiallyDown.contains(master[g]) && w.touched().contains(master[g]))) {
                out.add(g);
            }
        }
        if (!downMasters.isEmpty()) {
            Set<String> required = new java.util.TreeSet<>();
            for (Instance i : w.touched()) {
                a.inventory.service(i.service()).ifPresent(s -> required.addAll(s.requires()));
            }
            for (int g : downMasters) {
                if (a.initiallyDown.contains(master[g]) && required.contains(a.groups.get(g).service()) && !out.contains(g)) {
                    out.add(g);
                }
            }
        }
        return out;
    }

    /**
     * Promoting {@code to} would strand the master: it is still to be maintained, and then no other
     * replica could be up to take over (the rest are down, or taken down by {@code w}).
     */
    private boolean strandsMaster(int g, Work w, Instance to) {
        if (pendingDowns.getOrDefault(to, 0) <= 0) {
            return false;
        }
        RedisGroup group = a.groups.get(g);
        for (Endpoint e : group.instances()) {
            Instance i = new Instance(group.service(), e);
            if (!i.equals(to) && !a.initiallyDown.contains(i) && !stopped.contains(i)) {
                return false;
            }
        }
        return true;
    }

    /** @param known the target {@link #fits} chose for it in this state, or null to choose it here */
    private void insertFailover(int g, Work w, Node me, Instance known) {
        RedisGroup group = a.groups.get(g);
        Instance from = master[g];
        Instance to = known != null ? known : target(g, w);
        int fnode = nodes.size();
        String toDc = a.inventory.dcOf(to.host());
        String state = done.contains(to) ? "whose maintenance is already done"
                : pendingDowns.getOrDefault(to, 0) > 0 ? "which is maintained later (no replica host was done yet)"
                : "which this plan does not take down";
        boolean wasDown = a.initiallyDown.contains(from);
        if (wasDown) {
            earlyFailovers.put(g, fnode);
        }
        String why = (wasDown ? "the master of " + group.label() + ", " + from + ", is on a host declared state: down and "
                + w.step().id() + " needs one" : w.step().id() + " takes down " + from + ", the master of " + group.label())
                + ": move it first to " + to.endpoint() + " (" + toDc
                + (toDc.equals(a.inventory.dcOf(from.host())) ? ", same data centre" : ", another data centre")
                + "), " + state;
        if (pendingDowns.getOrDefault(to, 0) > 0) {
            movedAgain.computeIfAbsent(g, k -> new ArrayList<>()).add(w.step().id() + " took the master of "
                    + group.label() + " down before any replica host was maintained");
        }
        Step written = writtenFailover(g);
        String id = written != null ? written.id() : freshId(group);
        Endpoint shard = group.shard() ? from.endpoint() : null;
        Step step = new Step(id, new StepAction.Failover(group.service(), to.endpoint(), shard), List.of(),
                written != null ? written.hooks() : Hooks.NONE, null, null,
                written != null ? written.note() : null, null,
                written != null ? written.position() : Position.of(a.plan.file()));
        Node f = new Node(step, -1, why, g);
        f.wave = wave;
        nodes.add(f);
        int chain = a.groupResource[g];
        Resource lane = sequential ? globalResource() : a.resources.get(chain);
        if (lane != null) {
            int prev = lane.lastOnFirstLane();
            if (prev >= 0) {
                Node p = nodes.get(prev);
                boolean restoredTarget = p.work >= 0 && a.work.get(p.work).down().contains(to);
                f.addPred(prev, restoredTarget
                        ? to.endpoint() + " is maintained before it becomes the master of " + group.label()
                        : lane.reason);
            }
            lane.chainThrough(fnode);
        }
        me.addPred(fnode, "the master of " + group.label() + " moves to " + to.endpoint() + " before "
                + w.step().id() + (wasDown ? " needs it" : " takes " + from.endpoint() + " down"));
        master[g] = to;
        moves[g]++;
    }

    private Resource globalResource() {
        Integer r = a.resourceByName.get("parallel");
        return r == null ? null : a.resources.get(r);
    }

    private Step writtenFailover(int g) {
        List<Step> written = a.writtenFailovers.get(g);
        int used = writtenUsed.getOrDefault(g, 0);
        if (written == null || used >= written.size()) {
            return null;
        }
        writtenUsed.put(g, used + 1);
        return written.get(used);
    }

    /** How the ids of inserted failovers begin. */
    private static final String FRESH_ID = "failover-";

    private String freshId(RedisGroup group) {
        String base = FRESH_ID + group.service()
                + (group.shard() ? "-" + group.master().host() + "-" + group.master().port() : "");
        String id = base;
        for (int k = 2; usedIds.contains(id); k++) {
            id = base + "-" + k;
        }
        usedIds.add(id);
        return id;
    }

    /**
     * For a Redis Cluster shard: how many other shards of its cluster have their master in {@code dc}
     * now. Fewer first, so the plan does not end with half the masters in one data centre
     * ({@code cluster-dc-majority}, a warning that fails {@code validate --strict}).
     */
    private int crowding(int g, String dc) {
        int n = 0;
        for (int other : shardsOf.getOrDefault(a.groups.get(g).service(), List.of())) {
            if (other != g && a.inventory.dcOf(master[other].host()).equals(dc)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The replica to promote before {@code w} takes the master of group {@code g} down: up now and
     * not taken down by {@code w}; a host already maintained (or never touched) before one still to
     * be maintained, so the master moves once; then, for a cluster shard, the data centre holding
     * the fewest of its cluster's masters; then another data centre; then the endpoint order.
     */
    private Instance target(int g, Work w) {
        if (forced != null) {
            return forced.targets().get(ExactSearch.Schedule.key(w.index(), g));
        }
        RedisGroup group = a.groups.get(g);
        Instance best = null;
        int bestScore = Integer.MAX_VALUE;
        String masterDc = a.inventory.dcOf(master[g].host());
        for (Endpoint e : group.instances()) {
            Instance i = new Instance(group.service(), e);
            if (i.equals(master[g]) || w.down().contains(i) || stopped.contains(i)
                    || (a.initiallyDown.contains(i) && !done.contains(i))) {
                continue;
            }
            int later = pendingDowns.getOrDefault(i, 0) > 0 ? 2 : done.contains(i) ? 0 : 1;
            String dc = a.inventory.dcOf(e.host());
            int sameDc = dc.equals(masterDc) ? 1 : 0;
            int score = later * 4 * (shardsOf.getOrDefault(group.service(), List.of()).size() + 1)
                    + crowding(g, dc) * 2 + sameDc;
            if (score < bestScore || (score == bestScore && i.compareTo(best) < 0)) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }
}
