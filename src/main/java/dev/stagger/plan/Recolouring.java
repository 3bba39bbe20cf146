package dev.stagger.plan;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Improves a data-centre ranking of the steps when Redis masters sit in every data centre (a hard
 * colouring problem, stagger issue 12): a master maintained in the first rank has no maintained
 * replica to move to, so it moves twice. Each step's rank is its colour; Kempe-chain swaps (move a
 * step to another rank and, along the chain, the steps that would then share a lane with it to the
 * rank it left) keep every resource within its lanes per rank and are kept when fewer masters are
 * left without a replica ranked before them. The scheduler still decides what is safe: the ranks are
 * only its priority.
 */
final class Recolouring {
    /** Chains longer than this are not tried: they rarely pay and cost time on large fleets. */
    private static final int MAX_CHAIN = 48;
    /** Resources shared by more steps than this (--max-parallel) do not constrain the ranks. */
    private static final int MAX_MEMBERS = 256;

    private final Analysis a;
    private final int[] rank;
    private final int ranks;
    private final List<List<Integer>> members = new ArrayList<>();
    /** Per group: the step that takes its master down (-1 none) and the steps that take a replica down. */
    private final int[] masterStep;
    private final List<List<Integer>> replicaSteps = new ArrayList<>();
    private final boolean[] spareReplica;
    /** The written successors of each step that has any. */
    private final Map<Integer, List<Integer>> succs = new HashMap<>();

    private Recolouring(Analysis a, int[] rank, int ranks) {
        this.a = a;
        this.rank = rank;
        this.ranks = ranks;
        for (int r = 0; r < a.resources.size(); r++) {
            members.add(new ArrayList<>());
        }
        for (Work w : a.work) {
            for (int r : w.resources()) {
                members.get(r).add(w.index());
            }
            for (int p : w.preds()) {
                succs.computeIfAbsent(p, k -> new ArrayList<>()).add(w.index());
            }
        }
        masterStep = new int[a.groups.size()];
        spareReplica = new boolean[a.groups.size()];
        java.util.Arrays.fill(masterStep, -1);
        Map<Instance, List<Integer>> downBy = new HashMap<>();
        for (Work w : a.work) {
            for (Instance i : w.down()) {
                downBy.computeIfAbsent(i, k -> new ArrayList<>(1)).add(w.index());
            }
        }
        for (int g = 0; g < a.groups.size(); g++) {
            Instance master = a.masterOf(g);
            List<Integer> ms = downBy.getOrDefault(master, List.of());
            masterStep[g] = ms.size() == 1 ? ms.get(0) : -1;
            List<Integer> rs = new ArrayList<>();
            for (Endpoint e : a.groups.get(g).instances()) {
                Instance i = new Instance(a.groups.get(g).service(), e);
                if (i.equals(master) || a.initiallyDown.contains(i)) {
                    continue;
                }
                List<Integer> by = downBy.get(i);
                if (by == null) {
                    spareReplica[g] = true;
                } else {
                    rs.addAll(by);
                }
            }
            replicaSteps.add(rs);
        }
    }

    /** {@code rank} improved in place; returns how many masters are still ranked before every replica. */
    static int improve(Analysis a, int[] rank, int ranks) {
        return new Recolouring(a, rank, ranks).run();
    }

    private int run() {
        for (int pass = 0; pass < 3; pass++) {
            boolean changed = false;
            for (int g = 0; g < masterStep.length; g++) {
                if (bad(g, rank) && fix(g)) {
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int left = 0;
        for (int g = 0; g < masterStep.length; g++) {
            left += bad(g, rank) ? 1 : 0;
        }
        return left;
    }

    /** The master of group {@code g} is ranked no later than any of its replicas: it would move twice. */
    private boolean bad(int g, int[] r) {
        int m = masterStep[g];
        if (m < 0 || spareReplica[g] || replicaSteps.get(g).isEmpty()) {
            return false;
        }
        for (int s : replicaSteps.get(g)) {
            if (r[s] < r[m]) {
                return false;
            }
        }
        return true;
    }

    /** Tries chains moving the master later, or a replica earlier; applies the first that helps. */
    private boolean fix(int g) {
        int m = masterStep[g];
        for (int to = ranks - 1; to > rank[m]; to--) {
            if (tryChain(m, to)) {
                return true;
            }
        }
        for (int s : replicaSteps.get(g)) {
            for (int to = 0; to < rank[m]; to++) {
                if (tryChain(s, to)) {
                    return true;
                }
            }
        }
        // The master in the first rank with every replica later: swap it with a replica's rank.
        for (int s : replicaSteps.get(g)) {
            if (rank[s] != rank[m] && tryChain(m, rank[s])) {
                return true;
            }
        }
        return false;
    }

    /** Moves {@code start} to rank {@code to} with its Kempe chain when that leaves fewer bad groups. */
    private boolean tryChain(int start, int to) {
        Map<Integer, Integer> moved = chain(start, to);
        if (moved == null) {
            return false;
        }
        Set<Integer> groups = new HashSet<>();
        for (int s : moved.keySet()) {
            for (int g : a.work.get(s).groups()) {
                groups.add(g);
            }
        }
        int before = 0;
        for (int g : groups) {
            before += bad(g, rank) ? 1 : 0;
        }
        Map<Integer, Integer> old = new HashMap<>();
        for (Map.Entry<Integer, Integer> e : moved.entrySet()) {
            old.put(e.getKey(), rank[e.getKey()]);
            rank[e.getKey()] = e.getValue();
        }
        int after = 0;
        for (int g : groups) {
            after += bad(g, rank) ? 1 : 0;
        }
        if (after < before && respectsWrittenEdges(moved.keySet())) {
            return true;
        }
        for (Map.Entry<Integer, Integer> e : old.entrySet()) {
            rank[e.getKey()] = e.getValue();
        }
        return false;
    }

    /**
     * The steps to move (step to its new rank) so that no resource holds more steps in a rank than
     * before: each step moved from rank x to y displaces, in every resource it holds, a step of rank
     * y to rank x. Null when the chain grows too long.
     */
    private Map<Integer, Integer> chain(int start, int to) {
        Map<Integer, Integer> moved = new HashMap<>();
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        moved.put(start, to);
        queue.add(new int[] {start, rank[start], to});
        while (!queue.isEmpty()) {
            int[] m = queue.poll();
            int step = m[0];
            int from = m[1];
            int into = m[2];
            for (int r : a.work.get(step).resources()) {
                List<Integer> share = members.get(r);
                if (share.size() > MAX_MEMBERS || over(r, into, moved) <= 0) {
                    continue;
                }
                for (int other : share) {
                    if (other != step && !moved.containsKey(other) && rank[other] == into) {
                        moved.put(other, from);
                        queue.add(new int[] {other, into, from});
                        break;
                    }
                }
                if (moved.size() > MAX_CHAIN) {
                    return null;
                }
            }
        }
        return moved;
    }

    /** How many more steps resource {@code r} holds in rank {@code k} with the moves than without. */
    private int over(int r, int k, Map<Integer, Integer> moved) {
        int before = 0;
        int after = 0;
        for (int s : members.get(r)) {
            before += rank[s] == k ? 1 : 0;
            after += moved.getOrDefault(s, rank[s]) == k ? 1 : 0;
        }
        int lanes = Math.max(1, a.resources.get(r).initialCapacity);
        return after - Math.max(before, lanes);
    }

    /** No written {@code after} edge of a moved step points from a later rank to an earlier one. */
    private boolean respectsWrittenEdges(Set<Integer> moved) {
        for (int s : moved) {
            for (int p : a.work.get(s).preds()) {
                if (rank[p] > rank[s]) {
                    return false;
                }
            }
        }
        // Successors too: a moved step must not now be ranked after a step that waits for it.
        for (int s : moved) {
            for (int next : succs.getOrDefault(s, List.of())) {
                if (rank[s] > rank[next]) {
                    return false;
                }
            }
        }
        return true;
    }
}
