package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Hooks;
import dev.stagger.model.Order;
import dev.stagger.model.Step;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the operator approves before a run is what is shown: no hook argument or note can repaint it. */
class PlanPrinterTest {
    @Test
    void controlCharactersInHooksAndNotesAreShownEscaped() {
        Hooks hostile = new Hooks(List.of("stop", "{host}"), List.of("rm", "-rf", "/data\u001b[1A\u001b[2K"),
                List.of("start", "\u202e{host}"));
        Step a = Fixtures.maintain("a", "app1", hostile);
        Step noted = new Step(a.id(), a.action(), a.after(), a.hooks(), a.minReady(), a.readyTimeout(),
                "safe\n  2. b: maintain nothing\u001b[31m", a.rollingGroup(), a.position());
        String text = PlanPrinter.render(Fixtures.graph(Order.SEQUENCE, noted), Fixtures.inventory(), Set.of(), 1);

        assertThat(text.chars().filter(c -> c == 0x1b || c == 0x202e).count()).as(text).isZero();
        assertThat(text).contains("do: rm -rf $'/data\\x1b[1A\\x1b[2K'")
                .contains("up: start $'\\u202e{host}'")
                .contains("note: safe\\n  2. b: maintain nothing\\x1b[31m");
        assertThat(text.lines().filter(l -> l.startsWith("  2."))).isEmpty();
    }
}
