package dev.stagger.plan;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Branch and bound over wave assignments for small plans, on the scheduler's own model (resource
 * capacities per wave, stops holding pool capacity until a start, one step per Redis group per
 * wave, max_down_dcs per wave, failovers to any replica that is up). The greedy scheduler can miss
 * the optimum when a choice made early (which steps share a wave, which replica becomes master)
 * costs a wave or a second move later; on a plan this small every choice is tried.
 *
 * <p>Finds the fewest waves, then the fewest failovers, strictly better than a given incumbent.
 * Gives up beyond {@link #MAX_STEPS} steps or {@link #NODE_BUDGET} waves tried, so
 * planning stays fast; the greedy answer stands then.
 */
final class ExactSearch {
    static final int MAX_STEPS = 16;
    /** Waves tried in all; with the subsets per wave this caps a search at a few hundred milliseconds. */
    static final long NODE_BUDGET = 400_000;
    static final int SUBSETS_PER_WAVE = 20_000;

    /** A schedule: each maintenance step's wave (1-based), and the replica each of its failovers promotes. */
    record Schedule(int waves, int failovers, int[] waveOf, Map<Long, Instance> targets, boolean proven) {
        static long key(int work, int group) {
            return ((long) work << 32) | group;
        }
    }

    private final Analysis a;
    private final int n;
    private final int[] predMask;
    private long nodes;
    private boolean exhausted;
    private int bestWaves;
    private int bestFailovers;
    private int[] bestWaveOf;
    private Map<Long, Instance> bestTargets;
    private final int[] waveOf;
    private final Map<Long, Instance> targets = new HashMap<>();
    private final MasterSpread.Cost spreadCost;

    private ExactSearch(Analysis a) {
        this.a = a;
        this.n = a.work.size();
        predMask = new int[n];
        for (Work w : a.work) {
            for (int p : w.preds()) {
                predMask[w.index()] |= 1 << p;
            }
        }
        waveOf = new int[n];
        spreadCost = new MasterSpread.Cost(a);
    }

    /**
     * A schedule with fewer waves than {@code waves}, or as many and fewer failovers than
     * {@code failovers}; null when there is none (then {@link #provedOptimal} says whether that is
     * proven) or the plan is too big to search.
     */
    static ExactSearch run(Analysis a, int fromWaves, int waves, int failovers) {
        if (a.work.size() > MAX_STEPS || a.work.isEmpty()) {
            return null;
        }
        ExactSearch s = new ExactSearch(a);
        s.search(Math.max(1, fromWaves), waves, failovers);
        return s;
    }

    /** The better schedule found, or null. */
    Schedule found() {
        return bestWaveOf == null ? null
                : new Schedule(bestWaves, bestFailovers, bestWaveOf, bestTargets, !exhausted);
    }

    /** True when the search finished within its budget: nothing it did not find exists in its model. */
    boolean complete() {
        return !exhausted;
    }

    private void search(int fromWaves, int incumbentWaves, int incumbentFailovers) {
        for (int w = fromWaves; w <= incumbentWaves && !exhausted; w++) {
            bestWaves = w;
            bestFailovers = w == incumbentWaves ? incumbentFailovers : Integer.MAX_VALUE;
            State start = State.initial(a);
            dfs(0, 0, start, 0);
            if (bestWaveOf != null) {
                return;
            }
        }
    }

    /** What changes from wave to wave: capacities, masters, stopped and started instances. */
    private record State(int[] capacity, Instance[] master, Set<Instance> stopped, Set<Instance> started) {
        static State initial(Analysis a) {
            int[] cap = new int[a.resources.size()];
            for (int r = 0; r < cap.length; r++) {
                // Below zero when hosts declared down already break the rule: a start must bring them back first.
                cap[r] = a.resources.get(r).initialCapacity;
            }
            Instance[] m = new Instance[a.groups.size()];
            for (int g = 0; g < m.length; g++) {
                m[g] = a.masterOf(g);
            }
            return new State(cap, m, new HashSet<>(), new HashSet<>());
        }

        boolean up(Instance i, Set<Instance> initiallyDown) {
            return !stopped.contains(i) && (!initiallyDown.contains(i) || started.contains(i));
        }
    }

    private void dfs(int placed, int wavesUsed, State state, int failovers) {
        if (placed == (1 << n) - 1) {
            // The planner adds the failovers that spread a cluster's masters: they count like any other.
            int total = failovers + spreadCost.of(state.master());
            if (total < bestFailovers) {
                bestFailovers = total;
                bestWaveOf = waveOf.clone();
                bestTargets = new HashMap<>(targets);
            }
            return;
        }
        if (wavesUsed >= bestWaves || failovers >= bestFailovers) {
            return;
        }
        int available = 0;
        for (int i = 0; i < n; i++) {
            if ((placed & (1 << i)) == 0 && (predMask[i] & ~placed) == 0) {
                available |= 1 << i;
            }
        }
        List<Integer> subsets = new ArrayList<>();
        int[] steps = new int[Integer.bitCount(available)];
        for (int i = 0, k = 0; i < n; i++) {
            if ((available & (1 << i)) != 0) {
                steps[k++] = i;
            }
        }
        fitting(steps, 0, 0, new int[state.capacity().length], state.capacity(), subsets);
        // Full waves first: a good answer early prunes the rest.
        subsets.sort((x, y) -> Integer.bitCount(y) != Integer.bitCount(x) ? Integer.bitCount(y) - Integer.bitCount(x) : x - y);
        for (int sub : subsets) {
            if (exhausted) {
                return;
            }
            tryWave(placed, wavesUsed, state, failovers, sub);
        }
    }

    /**
     * The non-empty sets of {@code steps} whose resource use fits the capacities, built step by step
     * so that a set already over a capacity is not extended (far fewer than every subset when
     * capacities are tight, which is when the search runs at all).
     */
    private void fitting(int[] steps, int k, int sub, int[] use, int[] cap, List<Integer> out) {
        if (k == steps.length) {
            if (sub != 0) {
                out.add(sub);
            }
            return;
        }
        if (out.size() > SUBSETS_PER_WAVE) {
            exhausted = true;
            return;
        }
        fitting(steps, k + 1, sub, use, cap, out);
        Work w = a.work.get(steps[k]);
        boolean fits = true;
        for (int j = 0; j < w.resources().length; j++) {
            if (use[w.resources()[j]] + w.weights()[j] > cap[w.resources()[j]]) {
                fits = false;
            }
        }
        if (!fits) {
            return;
        }
        for (int j = 0; j < w.resources().length; j++) {
            use[w.resources()[j]] += w.weights()[j];
        }
        fitting(steps, k + 1, sub | (1 << steps[k]), use, cap, out);
        for (int j = 0; j < w.resources().length; j++) {
            use[w.resources()[j]] -= w.weights()[j];
        }
    }

    private void tryWave(int placed, int wavesUsed, State state, int failovers, int sub) {
        if (++nodes > NODE_BUDGET) {
            exhausted = true;
            return;
        }
        int[] use = new int[state.capacity().length];
        Set<Instance> downNow = new HashSet<>();
        Set<Instance> starting = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if ((sub & (1 << i)) == 0) {
                continue;
            }
            Work w = a.work.get(i);
            for (int k = 0; k < w.resources().length; k++) {
                int r = w.resources()[k];
                use[r] += w.weights()[k];
                if (use[r] > state.capacity()[r]) {
                    return;
                }
            }
            downNow.addAll(w.down());
            if (w.isStart()) {
                starting.addAll(w.touched());
            }
        }
        Integer maxDcs = a.inventory.policy().maxDownDcs();
        if (maxDcs != null) {
            Set<String> dcs = new TreeSet<>();
            for (Set<Instance> set : List.of(downNow, starting, state.stopped())) {
                for (Instance i : set) {
                    dcs.add(a.inventory.dcOf(i.host()));
                }
            }
            for (Instance i : a.initiallyDown) {
                if (!state.started().contains(i)) {
                    dcs.add(a.inventory.dcOf(i.host()));
                }
            }
            if (dcs.size() > maxDcs) {
                return;
            }
        }
        List<int[]> moving = new ArrayList<>();
        List<List<Instance>> choices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if ((sub & (1 << i)) == 0) {
                continue;
            }
            Work w = a.work.get(i);
            for (int g : moving(w, state)) {
                List<Instance> to = new ArrayList<>();
                for (Endpoint e : a.groups.get(g).instances()) {
                    Instance c = new Instance(a.groups.get(g).service(), e);
                    if (!c.equals(state.master()[g]) && !downNow.contains(c) && !starting.contains(c)
                            && state.up(c, a.initiallyDown)) {
                        to.add(c);
                    }
                }
                if (to.isEmpty()) {
                    return;
                }
                moving.add(new int[] {i, g});
                choices.add(to);
            }
        }
        if (failovers + moving.size() >= bestFailovers) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if ((sub & (1 << i)) != 0) {
                waveOf[i] = wavesUsed + 1;
            }
        }
        State next = after(state, sub, use);
        choose(placed | sub, wavesUsed + 1, next, failovers + moving.size(), moving, choices, 0);
    }

    /** Tries every combination of failover targets for this wave, then the next wave. */
    private void choose(int placed, int wavesUsed, State next, int failovers, List<int[]> moving,
                        List<List<Instance>> choices, int k) {
        if (k == moving.size()) {
            dfs(placed, wavesUsed, next, failovers);
            return;
        }
        int[] wg = moving.get(k);
        for (Instance to : choices.get(k)) {
            if (exhausted) {
                return;
            }
            Instance[] master = next.master().clone();
            master[wg[1]] = to;
            targets.put(Schedule.key(wg[0], wg[1]), to);
            choose(placed, wavesUsed, new State(next.capacity(), master, next.stopped(), next.started()), failovers,
                    moving, choices, k + 1);
            targets.remove(Schedule.key(wg[0], wg[1]));
        }
    }

    /** The groups whose master must move before {@code w}, as {@link Scheduler} decides it. */
    private List<Integer> moving(Work w, State state) {
        List<Integer> out = new ArrayList<>(1);
        for (int g : w.groups()) {
            Instance m = state.master()[g];
            if (w.down().contains(m) || (!state.up(m, a.initiallyDown) && w.touched().contains(m))) {
                out.add(g);
            }
        }
        Set<String> required = new TreeSet<>();
        for (Instance i : w.touched()) {
            a.inventory.service(i.service()).ifPresent(s -> required.addAll(s.requires()));
        }
        for (int g = 0; g < a.groups.size(); g++) {
            Instance m = state.master()[g];
            if (!state.up(m, a.initiallyDown) && required.contains(a.groups.get(g).service()) && !out.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }

    /** The state after a wave: stops keep their pool capacity, starts give it back. */
    private State after(State state, int sub, int[] use) {
        int[] cap = state.capacity().clone();
        Set<Instance> stopped = new HashSet<>(state.stopped());
        Set<Instance> started = new HashSet<>(state.started());
        for (int i = 0; i < n; i++) {
            if ((sub & (1 << i)) == 0) {
                continue;
            }
            Work w = a.work.get(i);
            if (w.isStop()) {
                for (int k = 0; k < w.resources().length; k++) {
                    if (a.resources.get(w.resources()[k]).countsInstances()) {
                        cap[w.resources()[k]] -= w.weights()[k];
                    }
                }
                stopped.addAll(w.down());
            } else if (w.isStart()) {
                for (Instance x : w.touched()) {
                    boolean wasDown = stopped.remove(x) || (a.initiallyDown.contains(x) && started.add(x));
                    Integer r = a.resourceByName.get(x.service());
                    if (wasDown && r != null) {
                        cap[r]++;
                    }
                }
            }
        }
        return new State(cap, state.master(), stopped, started);
    }

    @Override
    public String toString() {
        return "ExactSearch" + Arrays.toString(waveOf);
    }
}
