package dev.stagger.report;

import dev.stagger.plan.PlanResult;

/**
 * {@code plan --format summary}: what a reviewer of a large fleet needs instead of every step: the
 * waves (steps, data centres, failovers), the totals against their lower bounds and why a figure is
 * above its bound.
 */
public final class PlanSummaryWriter {
    private PlanSummaryWriter() {
    }

    public static String render(PlanResult r) {
        StringBuilder sb = new StringBuilder();
        long steps = r.plan().steps().stream().filter(s -> !s.isFailover()).count();
        sb.append("plan ").append(r.plan().name()).append(": ").append(steps).append(steps == 1 ? " step" : " steps")
                .append(" in ").append(r.waves()).append(r.waves() == 1 ? " wave" : " waves").append(", ")
                .append(r.failovers()).append(r.failovers() == 1 ? " failover" : " failovers").append('\n');
        for (PlanResult.Wave w : r.waveList()) {
            sb.append("  ").append(w.describe()).append('\n');
        }
        sb.append("waves ").append(r.waves()).append(", lower bound ").append(r.bounds().waves()).append(": ")
                .append(r.bounds().wavesWhy()).append('\n');
        sb.append("failovers ").append(r.failovers()).append(", lower bound ").append(r.bounds().failovers()).append(": ")
                .append(r.bounds().failoversWhy()).append('\n');
        int shown = 0;
        for (String why : r.aboveBound()) {
            if (shown++ == 20) {
                sb.append("above the bound: ... and ").append(r.aboveBound().size() - 20).append(" more\n");
                break;
            }
            sb.append("above the bound: ").append(why).append('\n');
        }
        return sb.toString();
    }
}
