package dev.stagger.check;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import dev.stagger.model.MinHealthy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Times the checker on planner-shaped plans: waves of steps, each step {@code after} a few steps
 * of the previous wave. Not a test (no assertions on time): run it by hand with
 * {@code mvn -o -q test-compile exec:java} or {@code java -cp target/classes:target/test-classes:<deps>
 * dev.stagger.check.CheckerBench [steps] [width]}.
 */
public final class CheckerBench {
    private CheckerBench() {
    }

    /**
     * {@code steps} maintain steps over as many hosts of one pool (min_healthy leaves {@code width}
     * down), in waves of {@code width}, each step after the step of its lane and 2 random steps of the previous wave; one DC
     * per wave and, when {@code barriers}, each wave after the whole previous one (so max_down_dcs 1
     * holds).
     */
    static Fixture wavePlan(int steps, int width, boolean barriers, long seed) {
        Random rnd = new Random(seed);
        Fixture f = Fixture.graph();
        String[] hosts = new String[steps];
        for (int i = 0; i < steps; i++) {
            hosts[i] = "web" + i;
            f.host(hosts[i], "dc" + (i / width % 3));
        }
        f.app("web", new MinHealthy(steps - width, false), List.of(), hosts);
        if (barriers) {
            f.maxDownDcs(1);
        }
        for (int i = 0; i < steps; i++) {
            int wave = i / width;
            List<String> after = new ArrayList<>();
            if (wave > 0) {
                int prevStart = (wave - 1) * width;
                if (barriers) {
                    for (int j = 0; j < width; j++) {
                        after.add("s" + (prevStart + j));
                    }
                } else {
                    after.add("s" + (prevStart + i % width)); // its lane: the planner's chain
                    for (int k = 0; k < 2; k++) {
                        String id = "s" + (prevStart + rnd.nextInt(width));
                        if (!after.contains(id)) {
                            after.add(id);
                        }
                    }
                }
            }
            f.maintain("s" + i, hosts[i], after.toArray(String[]::new));
        }
        return f;
    }

    /** Every step unordered: the worst case for the exact matching. */
    static Fixture unordered(int steps) {
        Fixture f = Fixture.graph();
        String[] hosts = new String[steps];
        for (int i = 0; i < steps; i++) {
            hosts[i] = "web" + i;
            f.host(hosts[i], "dc" + (i % 3));
        }
        f.app("web", new MinHealthy(75, true), List.of(), hosts);
        for (int i = 0; i < steps; i++) {
            f.maintain("s" + i, hosts[i]);
        }
        return f;
    }

    /** Milliseconds of the best of {@code runs} checks, and the diagnostics of the last. */
    static long time(Fixture f, int runs, List<Diagnostic> out) {
        Inventory inv = f.inventory();
        StepGraph g = f.stepGraph();
        long best = Long.MAX_VALUE;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            List<Diagnostic> d = Checker.check(inv, g);
            best = Math.min(best, (System.nanoTime() - t0) / 1_000_000);
            out.clear();
            out.addAll(d);
        }
        return best;
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<Diagnostic> d = new ArrayList<>();
        report("waves, lane + 2 random parents", wavePlan(steps, width, false, 1), d);
        report("waves with barriers, max_down_dcs 1", wavePlan(steps, width, true, 1), d);
        report("every step unordered", unordered(steps), d);
    }

    private static void report(String name, Fixture f, List<Diagnostic> d) {
        long t0 = System.nanoTime();
        StepGraph g = f.stepGraph();
        long graphMs = (System.nanoTime() - t0) / 1_000_000;
        long first = time(f, 1, d);
        long best = time(f, 3, d);
        System.out.printf("%-40s steps %d  graph %d ms  check first %d ms, best of 3 %d ms  -> %d findings %s%n",
                name, g.steps().size(), graphMs, first, best, d.size(), d.stream().map(Diagnostic::rule).distinct().toList());
    }
}
