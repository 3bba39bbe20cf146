package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.HostileText;
import dev.stagger.model.Target;
import java.util.ArrayList;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hook's command line as stagger shows it (the confirmation listing, the dry run, "run it by hand")
 * is one line with no character a terminal acts on, whatever the arguments; and an argument with
 * control characters is written in bash's {@code $'...'} form, so typed into bash it is still the same
 * argument (checked by bash itself on a few tries).
 */
class HookCallPropertyTest {
    private static final Gen<String> HOSTILE =
            HostileText.any().filter(s -> s.indexOf('\u0000') < 0); // no process argument can hold NUL
    private static final Gen<List<String>> ARGS = HOSTILE.list(1, 4);

    static Stream<Arguments> args() {
        return Samples.of("args", 200, ARGS);
    }

    static Stream<Arguments> bashArgs() {
        return Samples.of("bashArgs", 15, ARGS);
    }

    @Property
    @MethodSource("args")
    void aCommandLineIsOneSafeLine(List<String> args) {
        String line = new HookCall("s", Phase.DO, Target.host("h1"), args).commandLine();
        assertThat(line).doesNotContain("\n");
        assertThat(HostileText.firstRaw(line)).as(line).isNegative();
    }

    @Property
    @MethodSource("bashArgs")
    void bashReadsTheSameArguments(List<String> args) throws Exception {
        String line = new HookCall("s", Phase.DO, Target.host("h1"), args).commandLine();
        Process bash = new ProcessBuilder("bash", "-c", "for a in " + line + "; do printf '%s\\0' \"$a\"; done")
                .redirectErrorStream(false).start();
        byte[] out = bash.getInputStream().readAllBytes();
        assertThat(bash.waitFor()).isZero();
        List<String> got = new ArrayList<>(List.of(new String(out, java.nio.charset.StandardCharsets.UTF_8).split("\0", -1)));
        got.remove(got.size() - 1);
        assertThat(got).as(line).isEqualTo(args);
    }
}
