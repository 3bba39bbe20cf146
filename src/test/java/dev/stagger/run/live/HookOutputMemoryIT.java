package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.RedisLab;
import dev.stagger.run.JournalEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hook that prints gigabytes costs stagger bounded memory: the real jar, run as a person runs it
 * (no -Xmx: on this machine the default maximum heap is a quarter of RAM), stays under 300 MB resident
 * whether the output is one 2 GiB line or 2 GiB of short lines, and the journal keeps only a tail.
 */
class HookOutputMemoryIT {
    private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;

    @TempDir
    Path dir;

    /** The peak so far when the journal says {@code step} started (that is, the previous step's peak). */
    private static long peakWhenStepStarts(JarRun run, Path journal, String step) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < end && run.isAlive()) {
            if (Files.exists(journal) && LabPlan.indexOf(LabPlan.journal(journal), "step-started", step, null) >= 0) {
                return run.peakRssMib();
            }
            Thread.sleep(100);
        }
        return run.peakRssMib();
    }

    @Test
    void twoGibibytesOfOutputOnOneLineOrOnManyCostBoundedMemory() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            LabPlan plan = new LabPlan(lab.dir());
            String hooks = plan.hooks("stop", "start");
            plan.maintain("one-line", "arb3", hooks
                    + "    do: [\"sh\", \"-c\", \"head -c " + TWO_GIB + " /dev/zero | tr '\\\\0' x\"]\n"
                    + LabPlan.timing("200ms", "30s"));
            plan.maintain("many-lines", "arb3", hooks
                    + "    do: [\"sh\", \"-c\", \"yes 0123456789012345678901234567890123456789012345678901234567890123456789"
                    + " | head -c " + TWO_GIB + "\"]\n"
                    + LabPlan.timing("200ms", "30s"));
            Path planFile = plan.write(dir, "loud", lab.inventory());
            Path journal = dir.resolve("loud.journal");
            long start = System.nanoTime();
            try (JarRun run = JarRun.start(dir, null, "run", planFile.toString(), "--yes", "--journal", journal.toString())) {
                long oneLinePeak = peakWhenStepStarts(run, journal, "many-lines");
                long oneLineTook = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                int exit = run.awaitExit(Duration.ofMinutes(3));
                long took = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                System.out.println("2 GiB of hook output on one line: peak RSS (VmHWM) " + oneLinePeak + " MiB after "
                        + oneLineTook + " s; then 2 GiB in 71-byte lines: peak " + run.peakRssMib() + " MiB, "
                        + took + " s in all; journal " + Files.size(journal) + " bytes");
                assertThat(exit).as(Files.readString(dir.resolve("stdout"))).isZero();
                assertThat(run.peakRssMib()).as("peak resident memory, MiB").isLessThan(300);
            }
            assertThat(Files.size(journal)).isLessThan(1024 * 1024);
            List<JournalEvent> events = LabPlan.journal(journal);
            JournalEvent oneLine = events.stream().filter(e -> e.event().equals("hook-output") && "one-line".equals(e.step())
                    && "do".equals(e.detail("phase"))).findFirst().orElseThrow();
            assertThat(oneLine.detail("printed")).isEqualTo("1 line, " + TWO_GIB + " bytes; 1 line cut at 4096 bytes");
            assertThat(oneLine.detail("tail")).endsWith(" [line cut: it was " + TWO_GIB + " bytes long, the first 4096 are shown]");
            JournalEvent many = events.stream().filter(e -> e.event().equals("hook-output") && "many-lines".equals(e.step())
                    && "do".equals(e.detail("phase"))).findFirst().orElseThrow();
            assertThat(many.detail("printed")).startsWith((TWO_GIB / 71 + 1) + " lines, " + TWO_GIB + " bytes")
                    .endsWith("only the last 64 KiB kept");
            assertThat(many.detail("tail").length()).isBetween(60 * 1024, 64 * 1024);
        }
    }
}
