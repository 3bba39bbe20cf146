package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts and flags are JSON numbers and booleans on disk; journals written with every value a string still read. */
class JsonLineTest {
    @TempDir
    Path dir;

    private final Instant t = Instant.parse("2025-03-01T10:15:30.123Z");

    @Test
    void numbersAndBooleansAreWrittenTypedAndReadBackTheSame() {
        JournalEvent started = JournalEvent.of(t, "run-started", null, "plan", "maint", "plan_hash", "sha256:ab",
                "cluster", "lab", "resume", false, "dry_run", true, "max_parallel", 2);
        JournalEvent hook = JournalEvent.of(t, "hook-done", "a", "phase", "down", "target", "app1", "took_ms", 123L);
        JournalEvent step = JournalEvent.of(t, "step-started", "a", "number", 1, "resumed", true);
        assertThat(JsonLine.encode(started)).isEqualTo("{\"time\":\"2025-03-01T10:15:30.123Z\",\"event\":\"run-started\","
                + "\"plan\":\"maint\",\"plan_hash\":\"sha256:ab\",\"cluster\":\"lab\",\"resume\":false,\"dry_run\":true,"
                + "\"max_parallel\":2}");
        assertThat(JsonLine.encode(hook)).endsWith("\"phase\":\"down\",\"target\":\"app1\",\"took_ms\":123}");
        assertThat(JsonLine.encode(step)).endsWith("\"step\":\"a\",\"number\":1,\"resumed\":true}");
        for (JournalEvent e : new JournalEvent[] {started, hook, step}) {
            assertThat(JsonLine.decode(JsonLine.encode(e))).isEqualTo(e);
        }
        JournalEvent back = JsonLine.decode(JsonLine.encode(hook));
        assertThat(back.number("took_ms")).hasValue(123L);
        assertThat(JsonLine.decode(JsonLine.encode(started)).flag("dry_run")).isTrue();
        assertThat(JsonLine.decode(JsonLine.encode(started)).flag("resume")).isFalse();
    }

    @Test
    void textThatLooksLikeANumberStaysText() {
        JournalEvent e = JournalEvent.of(t, "hook-output", "a", "phase", "do", "target", "app1", "line", "42");
        assertThat(JsonLine.encode(e)).endsWith("\"line\":\"42\"}");
        assertThat(JsonLine.decode(JsonLine.encode(e))).isEqualTo(e);
    }

    @Test
    void aJournalOfTheOldFormatWithEveryValueAStringReadsTheSame() throws Exception {
        String old = "{\"time\":\"2025-03-01T10:15:30Z\",\"event\":\"run-started\",\"plan\":\"maint\",\"plan_hash\":\"h\","
                + "\"cluster\":\"lab\",\"resume\":\"false\",\"max_parallel\":\"1\"}\n"
                + "{\"time\":\"2025-03-01T10:15:31Z\",\"event\":\"hook-started\",\"step\":\"a\",\"phase\":\"down\","
                + "\"target\":\"app1\",\"command\":\"stop app1\",\"pid\":\"4242\"}\n"
                + "{\"time\":\"2025-03-01T10:15:32Z\",\"event\":\"step-done\",\"step\":\"b\",\"took_ms\":\"1500\"}\n";
        Path p = dir.resolve("old.journal");
        Files.writeString(p, old);
        var events = FileJournal.read(p);
        assertThat(events.get(0).flag("resume")).isFalse();
        assertThat(events.get(0).number("max_parallel")).hasValue(1);
        assertThat(events.get(1).number("pid")).hasValue(4242);
        assertThat(events.get(2).number("took_ms")).hasValue(1500);
        JournalState state = JournalState.replay(events);
        assertThat(state.completed()).containsExactly("b");
        assertThat(state.progressOf("a").unfinishedHookPid(Phase.DOWN, "app1")).contains(4242L);
        // Written again, the same events are typed.
        assertThat(JsonLine.encode(events.get(1))).endsWith("\"pid\":4242}");
    }

    @Test
    void malformedLinesSayWhereReadingStopped() {
        assertThatThrownBy(() -> JsonLine.parse("{\"time\":\"x\",\"event\":nope}"))
                .isInstanceOf(JsonLine.Malformed.class)
                .satisfies(e -> assertThat(((JsonLine.Malformed) e).column()).isEqualTo(21));
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":\"1\",\"a\":\"2\"}")).hasMessageContaining("\"a\" appears twice");
        assertThatThrownBy(() -> JsonLine.parse("{\"a\":{}}")).hasMessageContaining("a string, a number or true/false");
    }

    @Test
    void typedDetailsAreNotRedactedSoTheJournalStaysReadable() throws Exception {
        Path p = dir.resolve("j.journal");
        try (FileJournal j = FileJournal.open(p, new Redactor(java.util.List.of("12")))) {
            j.append(JournalEvent.of(t, "hook-done", "a", "phase", "do", "target", "app1", "took_ms", 1234));
            j.append(JournalEvent.of(t, "hook-output", "a", "phase", "do", "target", "app1", "line", "pin 1234"));
        }
        assertThat(Files.readString(p)).contains("\"took_ms\":1234", "\"line\":\"pin ***34\"");
    }
}
