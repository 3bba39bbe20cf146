package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Inventory;
import dev.stagger.model.Plan;
import dev.stagger.model.StaggerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded mutations of every file in plans/: each must end in a loaded plan (which then
 * forms a graph and, once the checker is in, gets checked) or in exit 2 with every diagnostic
 * located. Never another exception, never a hang (an input still running after 60 s fails the test;
 * timing is a benchmark's business, not this test's).
 */
class MutationTest {
    /** Spread over however many files plans/ holds, so the test stays a few seconds as it grows. */
    private static final int TOTAL = 9000;
    /** Only a hang trips this: a loaded CI machine must never fail a correct input on time. */
    private static final long LIMIT_MS = 60_000;

    /** A plan or inventory from plans/, with what it needs to load. */
    private record Source(Path file, String text, boolean inventory, List<Path> plansUsingIt, Inventory itsInventory) {
    }

    @Test
    void everyMutationEndsInAVerdictOrALocatedError() throws Exception {
        List<Source> sources = sources();
        boolean checkerReady = checkerReady();
        Map<String, Integer> verdicts = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mutation");
            t.setDaemon(true);
            return t;
        });
        int perFile = Math.max(200, TOTAL / sources.size());
        long started = System.nanoTime();
        int count = 0;
        long slowest = 0;
        try {
            for (int f = 0; f < sources.size(); f++) {
                Source source = sources.get(f);
                for (int i = 0; i < perFile; i++) {
                    long seed = f * 100_000L + i;
                    Mutator.Result m = new Mutator(seed).mutate(source.text());
                    kinds.merge(m.kind().split("\\+")[0], 1, Integer::sum);
                    long t0 = System.nanoTime();
                    Future<String> verdict = worker.submit(() -> verdict(source, m.text(), checkerReady));
                    String v;
                    try {
                        v = verdict.get(LIMIT_MS, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        failures.add(source.file() + " seed " + seed + " (" + m.kind() + "): still running after 60 s (a hang)");
                        break; // the worker is stuck on it; nothing after it would be measured fairly
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add(source.file() + " seed " + seed + " (" + m.kind() + "): " + e.getCause()
                                + "\n--- input ---\n" + m.text() + "\n--- trace ---\n" + trace(e.getCause()));
                        v = "exception";
                    }
                    slowest = Math.max(slowest, System.nanoTime() - t0);
                    verdicts.merge(v, 1, Integer::sum);
                    count++;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("mutation test: %d mutations of %d files in %d ms (slowest %d ms); checker %s%n",
                count, sources.size(), ms, slowest / 1_000_000, checkerReady ? "run" : "not in main yet, skipped");
        System.out.println("  mutations: " + kinds);
        System.out.println("  verdicts:  " + verdicts);

        assertThat(failures).as("mutations that ended badly").isEmpty();
        assertThat(count).isGreaterThanOrEqualTo(2000);
        assertThat(verdicts.getOrDefault("bad-input", 0)).as("mutations must break things").isGreaterThan(count / 10);
        assertThat(verdicts.keySet().stream().filter(k -> k.startsWith("loaded")).count())
                .as("and leave some files valid").isGreaterThan(0);
    }

    /** Raises anything unexpected (a bug); returns a name for the outcome otherwise. */
    private static String verdict(Source source, String text, boolean checkerReady) throws IOException {
        try {
            List<Plan> plans = new ArrayList<>();
            Inventory inventory;
            if (source.inventory()) {
                inventory = InventoryLoader.parse(text, source.file().toString());
                for (Path p : source.plansUsingIt()) {
                    plans.add(PlanLoader.parse(Files.readString(p), p.toString(), inventory));
                }
            } else {
                inventory = source.itsInventory();
                plans.add(PlanLoader.parse(text, source.file().toString(), inventory));
            }
            for (Plan plan : plans) {
                StepGraph graph = StepGraph.of(plan);
                if (checkerReady) {
                    List<Diagnostic> found = Checker.check(inventory, graph);
                    assertThat(found).allSatisfy(d -> assertThat(d.message()).isNotBlank());
                }
            }
            return checkerReady ? "loaded+checked" : "loaded";
        } catch (StaggerException e) {
            if (e.exitCode() != ExitCode.BAD_INPUT || e.diagnostics().isEmpty()) {
                throw new AssertionError("exit " + e.exitCode() + " without diagnostics: " + e.getMessage(), e);
            }
            for (Diagnostic d : e.diagnostics()) {
                if (!d.position().isKnown()) {
                    throw new AssertionError("unlocated diagnostic: " + d.render(), e);
                }
            }
            return e.diagnostics().stream().anyMatch(d -> d.rule().equals("cycle")) ? "cycle" : "bad-input";
        }
    }

    private static boolean checkerReady() {
        try {
            Checker.ruleIds();
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static List<Source> sources() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("plans"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        Map<Path, List<Path>> users = new LinkedHashMap<>();
        for (Path f : files) {
            if (BundledFilesLoadTest.isPlan(f)) {
                users.computeIfAbsent(inventoryOf(f), k -> new ArrayList<>()).add(f);
            }
        }
        List<Source> out = new ArrayList<>();
        for (Path f : files) {
            boolean plan = BundledFilesLoadTest.isPlan(f);
            out.add(new Source(f, Files.readString(f), !plan, plan ? List.of() : users.getOrDefault(f.normalize(), List.of()),
                    plan ? InventoryLoader.load(inventoryOf(f)) : null));
        }
        return out;
    }

    private static Path inventoryOf(Path plan) {
        return Path.of(PlanLoader.load(plan, null).plan().inventoryPath()).normalize();
    }

    private static String trace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        String s = w.toString();
        return s.length() > 3000 ? s.substring(0, 3000) : s;
    }
}
