package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.HostileText;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A hook's command line as stagger shows it (the confirmation listing, the dry run, "run it by hand")
 * is one line with no character a terminal acts on, whatever the arguments; and an argument with
 * control characters is written in bash's {@code $'...'} form, so typed into bash it is still the same
 * argument (checked by bash itself on a few tries).
 */
class HookCallPropertyTest {
    @Provide
    Arbitrary<String> hostile() {
        return HostileText.any().filter(s -> s.indexOf('\u0000') < 0); // no process argument can hold NUL
    }

    @Provide
    Arbitrary<List<String>> args() {
        return hostile().list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 200)
    void aCommandLineIsOneSafeLine(@ForAll("args") List<String> args) {
        String line = new HookCall("s", Phase.DO, Target.host("h1"), args).commandLine();
        assertThat(line).doesNotContain("\n");
        assertThat(HostileText.firstRaw(line)).as(line).isNegative();
    }

    @Property(tries = 15)
    void bashReadsTheSameArguments(@ForAll("args") List<String> args) throws Exception {
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
