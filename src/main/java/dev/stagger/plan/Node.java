package dev.stagger.plan;

import dev.stagger.model.Step;

/**
 * One step of the planned graph while it is built.
 *
 * @see Scheduler
 */
final class Node {
    final Step step;
    /** The maintenance step's index in {@link Analysis#work}, or -1 for an inserted failover. */
    final int work;
    /** Why an inserted failover is there; null for a written step. */
    final String reason;
    /** Predecessor node to why the planner added that edge (null when the user wrote it). */
    final Preds preds = new Preds();
    /** Index of the Redis group a failover moves, or -1. */
    final int group;
    /** The wave the scheduler placed it in (a failover: the wave of the step it precedes). */
    int wave;

    Node(Step step, int work, String reason, int group) {
        this.step = step;
        this.work = work;
        this.reason = reason;
        this.group = group;
    }

    boolean isFailover() {
        return work < 0;
    }

    /** Adds an edge from {@code pred} unless one is there (the first reason, or the user's, wins). */
    void addPred(int pred, String why) {
        if (!preds.contains(pred)) {
            preds.put(pred, why);
        }
    }
}
