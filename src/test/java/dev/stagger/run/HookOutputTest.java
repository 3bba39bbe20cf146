package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line cutter, the journal's tail and the redacted batches: bounded whatever a hook prints. */
class HookOutputTest {
    private final List<String> lines = new ArrayList<>();
    private final LineCutter cutter = new LineCutter((buf, kept, full) ->
            lines.add(new String(buf, 0, kept, StandardCharsets.UTF_8) + (full > kept ? "|" + full : "")));

    private void feed(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        cutter.feed(b, 0, b.length);
    }

    @Test
    void linesEndAtNewlineCrlfOrALoneCarriageReturnAndMaySpanReads() {
        feed("one\ntw");
        feed("o\r\nthree\rfour\n\nfi");
        feed("ve");
        cutter.finish();
        assertThat(lines).containsExactly("one", "two", "three", "four", "", "five");
    }

    @Test
    void aCrlfSplitAcrossReadsIsOneLineEnd() {
        feed("a\r");
        feed("\nb\n");
        assertThat(lines).containsExactly("a", "b");
    }

    @Test
    void aLongLineKeepsItsFirst4KibAndCountsTheRest() {
        byte[] chunk = new byte[10_000];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 100; i++) {
            cutter.feed(chunk, 0, chunk.length);
        }
        feed("\nshort\n");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("x".repeat(4096) + "|1000000");
        assertThat(lines.get(1)).isEqualTo("short");
    }

    @Test
    void aCutNeverSplitsAUtf8Character() {
        feed("x".repeat(4095) + "é" + "y".repeat(10) + "\n");
        assertThat(lines).containsExactly("x".repeat(4095) + "|4107");
    }

    @Test
    void nothingAfterTheLastNewlineMeansNoExtraLine() {
        feed("a\n");
        cutter.finish();
        assertThat(lines).containsExactly("a");
    }

    @Test
    void theTailKeepsWholeLinesFromTheEnd() {
        OutputTail tail = new OutputTail(16);
        char[] text = "first line\nsecond\nthird\n".toCharArray();
        tail.add(text, 0, 11);
        assertThat(tail.text()).isEqualTo("first line");
        assertThat(tail.dropped()).isFalse();
        tail.add(text, 11, text.length);
        assertThat(tail.dropped()).isTrue();
        assertThat(tail.text()).isEqualTo("second\nthird");
        char[] big = ("z".repeat(40) + "\nend\n").toCharArray();
        tail.add(big, 0, big.length);
        assertThat(tail.text()).isEqualTo("end");
    }

    @Test
    void batchesAreRedactedCutAndSummarised() {
        List<String> batches = new ArrayList<>();
        HookOutput out = new HookOutput(new Redactor(List.of("hunter2", "pw")), b -> batches.add(b.toString()));
        byte[] b = ("login pw=hunter2 ok\npw\n" + "q".repeat(5000) + "\nnaïve\nlast").getBytes(StandardCharsets.UTF_8);
        out.feed(b, 0, b.length);
        out.close();
        assertThat(String.join("", batches)).isEqualTo("login ***=*** ok\n***\n" + "q".repeat(4096)
                + " [line cut: it was 5000 bytes long, the first 4096 are shown]\nnaïve\nlast\n");
        HookOutput.Summary s = out.summary();
        assertThat(s.describe()).isEqualTo("5 lines, " + b.length + " bytes; 1 line cut at 4096 bytes");
        assertThat(s.tail()).startsWith("login ***=*** ok\n***\nqqq").endsWith("\nnaïve\nlast");
        assertThat(s.lastLines(2)).isEqualTo("naïve\n    last");
        assertThat(out.feed(b, 0, 1)).as("nothing after close").isFalse();
    }

    @Test
    void aHookThatPrintedNothingSaysSo() {
        HookOutput out = new HookOutput(Redactor.NONE, b -> { });
        out.close();
        assertThat(out.summary().lastLines(10)).isEqualTo("(no output)");
        assertThat(out.summary().describe()).isEqualTo("0 lines, 0 bytes");
    }

    @Test
    void theConsolePrefixesEachLineWithStepTargetAndPhase() {
        java.io.StringWriter sw = new java.io.StringWriter();
        ConsoleProgress console = new ConsoleProgress(new java.io.PrintWriter(sw), java.time.Duration.ofSeconds(5), false,
                Redactor.NONE);
        StepLabel label = new StepLabel(1, 2, "dc1-drives");
        console.hookOutput(label, "app1 do", java.nio.CharBuffer.wrap("xxrebooting\nback\n".toCharArray(), 2, 15));
        console.hookOutput(label, "app1 do", "done\n");
        String nl = System.lineSeparator();
        assertThat(sw.toString()).isEqualTo("  [dc1-drives app1 do] rebooting" + nl + "  [dc1-drives app1 do] back" + nl
                + "  [dc1-drives app1 do] done" + nl);
    }
}
