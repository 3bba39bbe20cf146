package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsTest {

    @Test
    void repeatedViolationsOfOneRuleAndSubjectAreFoldedIntoTheFirst() {
        Fixture f = Fixture.graph().hosts("q", 5, "dc1")
                .redis("jobs", "q1:6379", null, "q1:6379", "q2:6379", "q3:6379", "q4:6379", "q5:6379");
        for (int i = 2; i <= 5; i++) {
            f.maintain("m" + i, "q" + i);
        }
        List<Diagnostic> d = f.check();
        // 4 unordered replicas of one group: 6 pairs, reported once.
        assertThat(d).extracting(Diagnostic::rule).containsExactly("overlap");
        assertThat(d.get(0).message()).startsWith("m2 and m3 may overlap").endsWith("(and 5 more sets of steps like it)");
    }

    @Test
    void maxDownDcsNamesTheFirstSetOverTheLimit() {
        // 4 unordered DCs under a limit of 2: the search stops at the first 3 it can take down together.
        Fixture f = Fixture.graph().maxDownDcs(2);
        for (int dc = 0; dc < 4; dc++) {
            f.host("h" + dc, "dc" + dc);
        }
        f.app("api", 0, "h0", "h1", "h2", "h3");
        for (int dc = 0; dc < 4; dc++) {
            f.maintain("d" + dc, "h" + dc);
        }
        Diagnostic d = f.check().get(0);
        assertThat(d.rule()).isEqualTo("max-down-dcs");
        assertThat(d.message()).contains("3 DCs at once");
    }
}
