package dev.stagger.run;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Hooks;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A child JVM for {@link KillResumeIT}: runs a three-step plan whose hooks are real shell commands
 * that log to a file and mark hosts down with files, against a real file journal. The test kills
 * it with SIGKILL and starts it again with {@code resume}.
 */
public final class ResumeHarness {
    private ResumeHarness() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        boolean resume = args.length > 1 && args[1].equals("resume");
        String log = dir.resolve("hooks.log").toString();
        String state = dir.toString();
        Hooks hooks = new Hooks(
                List.of("sh", "-c", "echo {host}-down >> " + log + "; touch " + state + "/{host}.down"),
                List.of("sh", "-c", "echo {host}-do-start >> " + log + "; sleep 1; echo {host}-do-end >> " + log),
                List.of("sh", "-c", "echo {host}-up >> " + log + "; rm -f " + state + "/{host}.down"));
        Plan plan = new Plan("maint", "plan.yaml", "inventory.yaml", Order.SEQUENCE, List.of(
                Fixtures.maintain("one", "app1", hooks), Fixtures.maintain("two", "app2", hooks),
                Fixtures.maintain("three", "app3", hooks)));
        Inventory inventory = Fixtures.inventory();
        InstanceProbe files = new InstanceProbe() {
            public boolean isDown(Instance i) {
                return Files.exists(dir.resolve(i.host() + ".down"));
            }

            public boolean isReady(Instance i) {
                return !isDown(i);
            }
        };
        Path journalPath = FileJournal.defaultPath(dir, inventory.cluster(), plan.name());
        JournalState state0 = resume ? JournalState.replay(FileJournal.read(journalPath)) : JournalState.fresh();
        String hash = PlanHash.of(plan);
        state0.requireSamePlan(hash, journalPath.toString());
        PrintWriter err = new PrintWriter(System.err, true);
        try (FileJournal journal = FileJournal.open(journalPath, Redactor.NONE)) {
            RunSettings settings = Fixtures.fast();
            RunDeps deps = new RunDeps(inventory, Gate.ALWAYS_SAFE, new DryRunFailover(err::println), files,
                    new ProcessHookRunner(Redactor.NONE, Duration.ofMillis(20)), journal,
                    new ConsoleProgress(err, Duration.ofSeconds(1), false, Redactor.NONE));
            RunOutcome out = new Executor(deps, settings).run(StepGraph.of(plan), state0, hash);
            System.exit(out.exitCode());
        }
    }
}
