package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.StaggerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal is checked against the plan before a run trusts it; every error of the file at once. */
class JournalCheckTest {
    @TempDir
    Path dir;

    private final Plan plan = new Plan("maint", "plan.yaml", "inventory.yaml", Order.SEQUENCE, List.of(
            Fixtures.maintain("maintain-app1", "app1"), Fixtures.failover("failover-cache"),
            Fixtures.maintain("maintain-app2", "app2")));
    private final String hash = PlanHash.of(plan);

    private static String line(String event, String step, String rest) {
        return "{\"time\":\"2025-03-01T10:15:30Z\",\"event\":\"" + event + "\""
                + (step == null ? "" : ",\"step\":\"" + step + "\"") + rest + "}\n";
    }

    private String started(String name, String planHash, boolean resume) {
        return line("run-started", null, ",\"plan\":\"" + name + "\",\"plan_hash\":\"" + planHash + "\",\"resume\":" + resume);
    }

    private Path write(String... lines) throws Exception {
        Path p = dir.resolve("lab-maint.journal");
        Files.writeString(p, String.join("", lines));
        return p;
    }

    private List<String> errors(Path p) {
        try {
            JournalState.read(p, plan);
        } catch (StaggerException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            return e.diagnostics().stream().map(Diagnostic::render).toList();
        }
        return List.of();
    }

    @Test
    void everyErrorOfTheJournalIsReportedAtItsLineAndColumn() throws Exception {
        Path p = write(
                started("maint", hash, false),
                line("step-started", "maintain-ap1", ""),
                line("phase-started", "maintain-app1", ",\"phase\":\"dwn\""),
                line("phase-started", "failover-cache", ",\"phase\":\"down\""),
                line("hook-done", "maintain-app1", ",\"phase\":\"down\""),
                line("step-don", "maintain-app1", ""),
                line("hook-done", "maintain-app1", ",\"phase\":\"down\",\"target\":\"app1\",\"took_ms\":\"abc\""),
                "not json\n",
                line("hook-started", "maintain-app1", ",\"phase\":\"down\",\"target\":\"app9\",\"pid\":12"),
                line("step-done", null, ",\"took_ms\":5"),
                line("run-done", null, ",\"steps\":true"),
                started("other", "sha256:x", false),
                line("step-done", "clean-other", ""),
                "{\"time\":\"2025-03-01T10:1");
        String j = p.toString();
        assertThat(errors(p)).containsExactly(
                j + ":2:55: error: unknown step `maintain-ap1`; did you mean `maintain-app1`?",
                j + ":3:79: error: unknown phase `dwn`; did you mean `down`?",
                j + ":4:80: error: step `failover-cache` (failover) has no phase `down`; its phases: failover",
                j + ":5:1: error: `hook-done` needs \"target\"",
                j + ":6:32: error: unknown event `step-don`; did you mean `step-done`?",
                j + ":7:106: error: \"took_ms\" must be a whole number, not `abc`",
                j + ":8:1: error: not a journal line: expected {",
                j + ":9:93: error: step `maintain-app1` has no target `app9`; its targets: app1",
                j + ":10:1: error: `step-done` needs \"step\": the step it is about",
                j + ":11:51: error: \"steps\" must be a whole number, not true",
                j + ":12:54: error: this journal records a run of plan `other`, not `maint`: it is another plan's journal");
    }

    @Test
    void aCleanJournalReadsAndATornLastLineIsTolerated() throws Exception {
        Path p = write(started("maint", hash, false), line("step-started", "maintain-app1", ",\"number\":1"),
                line("phase-started", "maintain-app1", ",\"phase\":\"down\""), "{\"time\":\"2025-03-01T10:1");
        JournalState s = JournalState.read(p, plan);
        assertThat(s.progressOf("maintain-app1").lastPhaseStarted()).contains(Phase.DOWN);
        assertThat(JournalState.read(dir.resolve("none.journal"), plan).isEmpty()).isTrue();
    }

    @Test
    void anOlderRunOfAnEditedPlanIsHistoryButResumingAChangedPlanIsStillRefused() throws Exception {
        Path p = write(started("maint", "sha256:older", false), line("step-done", "renamed-since", ""), line("run-done", null, ""),
                started("maint", hash, false), line("step-done", "maintain-app1", ",\"took_ms\":10"));
        assertThat(errors(p)).isEmpty();
        assertThat(JournalState.read(p, plan).completed()).containsExactly("maintain-app1");

        Path changed = write(started("maint", "sha256:older", false), line("step-done", "renamed-since", ""));
        JournalState s = JournalState.read(changed, plan);
        assertThatThrownBy(() -> s.requireSamePlan(hash, changed.toString())).hasMessageContaining("the plan changed");
    }

    @Test
    void eventsBeforeAnyRunAndMixedPlanVersionsAreErrors() throws Exception {
        Path p = write(line("step-done", "maintain-app1", ""), started("maint", hash, false),
                started("maint", "sha256:other", true));
        String j = p.toString();
        assertThat(errors(p)).containsExactly(
                j + ":1:32: error: `step-done` before any run-started: this is not the start of a journal stagger wrote",
                j + ":3:69: error: this resumed run is of plan version sha256:other, but the run it continues (line 2) is of "
                        + "version " + hash + ": records of two versions of the plan are mixed");
    }

    /** A new event must be described in JournalSchema, or a journal that holds it could not be resumed. */
    @Test
    void everyEventTheRunWritesHasAShape() throws Exception {
        for (java.lang.reflect.Field f : Events.class.getDeclaredFields()) {
            if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                assertThat(JournalSchema.of((String) f.get(null))).as(f.getName()).isPresent();
            }
        }
    }
}
