package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private final Instant t = Instant.parse("2025-03-01T10:15:30.123Z");

    @Test
    void eachEventIsOneJsonLineOnDiskAsSoonAsAppendReturns() throws Exception {
        Path p = dir.resolve(".stagger/lab-maint.journal");
        try (FileJournal j = FileJournal.open(p, Redactor.NONE)) {
            j.append(JournalEvent.of(t, "phase-started", "dc1", "phase", "down"));
            // Read by another handle before close: the line is already there.
            assertThat(Files.readAllLines(p)).containsExactly(
                    "{\"time\":\"2025-03-01T10:15:30.123Z\",\"event\":\"phase-started\",\"step\":\"dc1\",\"phase\":\"down\"}");
        }
    }

    @Test
    void roundTripKeepsEveryCharacterAndFieldOrder() {
        Path p = dir.resolve("j.journal");
        JournalEvent odd = JournalEvent.of(t, "hook-output", "s \"1\"", "line", "tab\there \\ back\nnew ÿ \u0001", "z", "1", "a", "2");
        try (FileJournal j = FileJournal.open(p, Redactor.NONE)) {
            j.append(odd);
            j.append(JournalEvent.of(t, "run-done", null));
        }
        List<JournalEvent> back = FileJournal.read(p);
        assertThat(back).containsExactly(odd, JournalEvent.of(t, "run-done", null));
        assertThat(back.get(0).details().keySet()).containsExactly("line", "z", "a");
    }

    @Test
    void secretsAreRedactedBeforeTheyReachTheDisk() throws Exception {
        Path p = dir.resolve("j.journal");
        try (FileJournal j = FileJournal.open(p, new Redactor(List.of("s3cr3t")))) {
            j.append(JournalEvent.of(t, "hook-output", "a", "line", "AUTH default s3cr3t ok"));
        }
        assertThat(Files.readString(p)).contains("AUTH default *** ok").doesNotContain("s3cr3t");
    }

    @Test
    void aTornLastLineFromAKilledRunIsDroppedAndAppendingContinuesCleanly() throws Exception {
        Path p = dir.resolve("j.journal");
        try (FileJournal j = FileJournal.open(p, Redactor.NONE)) {
            j.append(JournalEvent.of(t, "step-started", "a"));
        }
        Files.writeString(p, "{\"time\":\"2025-03-01T10:1", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(FileJournal.read(p)).hasSize(1);
        try (FileJournal j = FileJournal.open(p, Redactor.NONE)) {
            j.append(JournalEvent.of(t, "step-done", "a"));
        }
        assertThat(FileJournal.read(p)).extracting(JournalEvent::event).containsExactly("step-started", "step-done");
    }

    @Test
    void aCorruptLineInTheMiddleIsBadInputNamingTheLine() throws Exception {
        Path p = dir.resolve("j.journal");
        Files.writeString(p, "{\"time\":\"2025-03-01T10:15:30Z\",\"event\":\"a\"}\nnot json\n{\"time\":\"2025-03-01T10:15:30Z\",\"event\":\"b\"}\n");
        assertThatThrownBy(() -> FileJournal.read(p))
                .isInstanceOf(StaggerException.class)
                .hasMessageContaining("j.journal:2: error: not a journal line")
                .satisfies(e -> assertThat(((StaggerException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
    }

    @Test
    void defaultPathIsUnderDotStaggerNamedForClusterAndPlan() {
        assertThat(FileJournal.defaultPath(Path.of("/srv"), "api-moscow", "drive replacement").toString())
                .isEqualTo("/srv/.stagger/api-moscow-drive_replacement.journal");
    }
}
