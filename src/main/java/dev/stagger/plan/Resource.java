package dev.stagger.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Something only {@code capacity} steps (or instances) may hold at once: an app pool's spare
 * instances, a sentinel group's spare voters, a Redis group (one step at a time), the
 * {@code --max-parallel} budget.
 *
 * <p>Each unit of capacity is a lane; the steps that use a lane are chained in wave order. Any set
 * of steps that may overlap then holds each lane at most once, so it never holds more than the
 * capacity: safety for every overlap, with a number of edges linear in the steps.
 */
final class Resource {
    final String name;
    /** The rule a step that alone needs more than the capacity breaks. */
    final String rule;
    /** Why steps sharing it are ordered, used as the reason of the edges it adds. */
    final String reason;
    /** The capacity before any step, negative when the cluster starts below the rule. */
    final int initialCapacity;
    /** Total weight all steps put on it, for lower bounds and priorities. */
    long load;
    private final List<Integer> lastOnLane = new ArrayList<>();
    private final List<Integer> active = new ArrayList<>();
    private final List<Integer> retiring = new ArrayList<>();
    private final List<Integer> adding = new ArrayList<>();
    private int stampWave = -1;
    private int used;

    Resource(String name, String rule, String reason, int capacity) {
        this.name = name;
        this.rule = rule;
        this.reason = reason;
        this.initialCapacity = capacity;
        for (int i = 0; i < Math.max(0, capacity); i++) {
            lastOnLane.add(-1);
            active.add(i);
        }
    }

    /** The same resource with every lane free, as before any step (its load kept). */
    Resource unused() {
        Resource r = new Resource(name, rule, reason, initialCapacity);
        r.load = load;
        return r;
    }

    /**
     * Whether its capacity counts instances down (an app pool, a sentinel group), so that a stop holds
     * it until a start; the others only serialise steps (a Redis group, an instance, --max-parallel)
     * and are free again once the step is complete.
     */
    boolean countsInstances() {
        return !name.startsWith("group:") && !name.startsWith("instance:") && !"parallel".equals(name);
    }

    int capacity() {
        return active.size();
    }

    /** Capacity still free in {@code wave}. */
    int free(int wave) {
        roll(wave);
        return active.size() - used;
    }

    /**
     * Takes {@code weight} lanes in {@code wave} for node {@code node}; returns the nodes that last held
     * those lanes (to order before it). With {@code forever} (a stop) the lanes are never free again.
     */
    List<Integer> take(int wave, int weight, int node, boolean forever) {
        roll(wave);
        List<Integer> before = new ArrayList<>(weight);
        for (int k = 0; k < weight; k++) {
            int lane = active.get(used++);
            int last = lastOnLane.get(lane);
            if (last >= 0) {
                before.add(last);
            }
            lastOnLane.set(lane, node);
            if (forever) {
                retiring.add(lane);
            }
        }
        return before;
    }

    /** The node that last held lane 0: for a one-at-a-time resource, the step before the next one. */
    int lastOnFirstLane() {
        return lastOnLane.isEmpty() ? -1 : lastOnLane.get(active.isEmpty() ? 0 : active.get(0));
    }

    /** Makes {@code node} the last holder of every active lane (a failover slotted into the chain). */
    void chainThrough(int node) {
        for (int lane : active) {
            lastOnLane.set(lane, node);
        }
    }

    /** A start brings instances back: from the next wave on, new lanes, each first held after {@code node}. */
    void addLanes(int count, int node) {
        for (int k = 0; k < count; k++) {
            lastOnLane.add(node);
            adding.add(lastOnLane.size() - 1);
        }
    }

    /** Entering a new wave: lanes of stops are gone, lanes of starts are there, nothing is used yet. */
    private void roll(int wave) {
        if (stampWave == wave) {
            return;
        }
        stampWave = wave;
        used = 0;
        if (!retiring.isEmpty()) {
            active.removeAll(retiring);
            retiring.clear();
        }
        active.addAll(adding);
        adding.clear();
    }
}
