package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.model.Auth;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Inventory;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.StaggerException;
import dev.stagger.model.Target;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placeholders, redaction, confirmation, progress throttling, the plan printout. */
class SmallPartsTest {
    private final Inventory inv = Fixtures.inventory();

    @Test
    void placeholdersAreSubstitutedPerTargetAndEachArgumentStaysOne() {
        assertThat(Placeholders.expand(List.of("ssh", "{host}", "redis-cli -h {address} -p {port} shutdown; {service}"),
                new Target("app2", "cache"), inv))
                .containsExactly("ssh", "app2", "redis-cli -h 10.0.2.10 -p 6379 shutdown; cache");
        assertThat(Placeholders.expand(List.of("{host}", "{unknown}"), Target.host("app1"), inv)).containsExactly("app1", "{unknown}");
    }

    @Test
    void placeholdersWithoutAValueAreFoundBeforeTheRun() {
        assertThatThrownBy(() -> Placeholders.expand(List.of("{port}"), Target.host("app1"), inv))
                .hasMessageContaining("{port} has no single value for app1");
        assertThatThrownBy(() -> Placeholders.expand(List.of("{service}"), Target.host("app1"), inv))
                .hasMessageContaining("{service} has no value for app1, a whole host");
        var bad = Fixtures.maintain("a", "app1", new dev.stagger.model.Hooks(List.of("stop", "{service}"), List.of(), List.of()));
        assertThat(Placeholders.problems(new Plan("p", "plan.yaml", "i", Order.SEQUENCE, List.of(bad)), inv))
                .singleElement().asString().startsWith("plan.yaml:1:5: error: step a: {service} has no value");
    }

    @Test
    void redactorMasksPasswordEnvValuesAndPasswordFiles(@TempDir Path dir) throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "filepass\n");
        Inventory withEnv = Fixtures.inventory(new Auth("default", "REDIS_PASSWORD", null, false));
        Redactor r = Redactor.forInventory(withEnv, Map.of("REDIS_PASSWORD", "hunter2")::get);
        assertThat(r.redact("AUTH default hunter2 -> OK")).isEqualTo("AUTH default *** -> OK");
        Inventory withFile = Fixtures.inventory(new Auth("default", null, pw, false));
        assertThat(Redactor.forInventory(withFile, k -> null).redact("pass=filepass")).isEqualTo("pass=***");
        assertThat(Redactor.forInventory(inv, k -> "x").size()).isZero();
        assertThat(new Redactor(List.of("ab", "abcd")).redact("xabcdx ab")).isEqualTo("x***x ***");
    }

    @Test
    void confirmationNeedsYesOrATerminal() {
        StringWriter err = new StringWriter();
        Confirmation.confirm(true, false, null, new PrintWriter(err));
        assertThatThrownBy(() -> Confirmation.confirm(false, false, null, new PrintWriter(err)))
                .hasMessageContaining("pass --yes")
                .satisfies(e -> assertThat(((StaggerException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
        Confirmation.confirm(false, true, new BufferedReader(new StringReader("yes\n")), new PrintWriter(err));
        assertThat(err.toString()).contains("Type yes to continue");
        assertThatThrownBy(() -> Confirmation.confirm(false, true, new BufferedReader(new StringReader("y\n")), new PrintWriter(err)))
                .hasMessageContaining("not confirmed (answer was \"y\"): nothing was done")
                .satisfies(e -> assertThat(((StaggerException) e).exitCode()).isEqualTo(ExitCode.UNSAFE));
    }

    @Test
    void progressRepeatsAWaitEveryFewSecondsAndAtOnceWhenItChanges() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(out), Duration.ofSeconds(5), false, now::get, Redactor.NONE);
        StepLabel s = new StepLabel(2, 3, "dc1-drives");
        p.waiting(s, "app1 ready (min_ready 30s)", Duration.ofSeconds(12), Duration.ofSeconds(18));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        p.waiting(s, "app1 ready (min_ready 30s)", Duration.ofSeconds(13), Duration.ofSeconds(17));
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        p.waiting(s, "app1 ready (min_ready 30s)", Duration.ofSeconds(18), Duration.ofSeconds(12));
        p.waiting(s, "the safety gate", Duration.ofSeconds(1), Duration.ofMinutes(5));
        p.waiting(s, "the do hook for app1 to finish", Duration.ofSeconds(2), null);
        assertThat(out.toString().lines()).containsExactly(
                "step 2 of 3 dc1-drives: waiting for app1 ready (min_ready 30s): 12s elapsed, 18s remaining",
                "step 2 of 3 dc1-drives: waiting for app1 ready (min_ready 30s): 18s elapsed, 12s remaining",
                "step 2 of 3 dc1-drives: waiting for the safety gate: 1s elapsed, 5m00s remaining",
                "step 2 of 3 dc1-drives: waiting for the do hook for app1 to finish: 2s elapsed (no time limit)");
        assertThat(ConsoleProgress.human(Duration.ofMillis(3_725_000))).isEqualTo("1h02m");
    }

    @Test
    void thePlanPrintoutShowsOrderHooksAndReadiness() {
        var g = Fixtures.graph(Order.SEQUENCE, Fixtures.maintain("a", "app1"), Fixtures.failover("f"),
                Fixtures.maintain("b", "app2", dev.stagger.model.Hooks.NONE));
        String text = PlanPrinter.render(g, inv, java.util.Set.of("a"), 1);
        assertThat(text).contains("plan maint on cluster lab: 3 steps, order sequence",
                "  1. a: maintain app1  [done: skipped]", "       down: stop {host}", "       do: work {host}",
                "  2. f: failover cache to app2:6379, verified", "       after a",
                "  3. b: maintain app2", "done by the operator", "ready: min_ready 30ms, ready_timeout 5s");
    }
}
