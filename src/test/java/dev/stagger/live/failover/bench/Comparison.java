package dev.stagger.live.failover.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Bare versus stagger for one kind of failover: losses summed, gaps as median, min and max. */
final class Comparison {
    private final String name;
    private final double targetRatio;
    private final List<Round> rounds;

    /** @param targetRatio the largest stagger/bare ratio of median gaps that meets the goal */
    Comparison(String name, double targetRatio, List<Round> rounds) {
        this.name = name;
        this.targetRatio = targetRatio;
        this.rounds = List.copyOf(rounds);
    }

    void print(PrintStream out) {
        List<Round> bare = rounds.stream().filter(r -> !r.stagger()).toList();
        List<Round> ours = rounds.stream().filter(Round::stagger).toList();
        out.println();
        out.println(name + " (" + bare.size() + " bare, " + ours.size() + " stagger, alternating)");
        out.printf(Locale.ROOT, "  %-8s %13s %14s %10s %8s %8s%n", "", "lost acked", "lost accepted", "gap median", "min", "max");
        line(out, "bare", bare);
        line(out, "stagger", ours);
        if (bare.isEmpty() || ours.isEmpty()) {
            return;
        }
        double ratio = (double) median(ours) / Math.max(1, median(bare));
        boolean lossless = ours.stream().allMatch(r -> r.lostAcked() == 0 && r.lostAccepted() == 0);
        out.printf(Locale.ROOT, "  stagger/bare median gap: %.2fx (goal <= %.1fx): %s; stagger lost nothing: %s%n",
                ratio, targetRatio, ratio <= targetRatio ? "met" : "NOT met", lossless ? "yes" : "NO");
    }

    private static void line(PrintStream out, String label, List<Round> rs) {
        if (rs.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "  %-8s %13d %14d %7d ms %5d ms %5d ms%n", label,
                rs.stream().mapToInt(Round::lostAcked).sum(), rs.stream().mapToInt(Round::lostAccepted).sum(),
                median(rs), rs.stream().mapToLong(Round::gapMillis).min().orElse(0),
                rs.stream().mapToLong(Round::gapMillis).max().orElse(0));
    }

    static long median(List<Round> rs) {
        long[] g = rs.stream().mapToLong(Round::gapMillis).sorted().toArray();
        if (g.length == 0) {
            return 0;
        }
        return g.length % 2 == 1 ? g[g.length / 2] : (g[g.length / 2 - 1] + g[g.length / 2]) / 2;
    }
}
