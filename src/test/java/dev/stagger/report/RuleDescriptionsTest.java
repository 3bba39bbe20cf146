package dev.stagger.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.check.Checker;
import dev.stagger.live.LiveChecker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule a report can name has its own description (SARIF's tool.driver.rules), not the fallback. */
class RuleDescriptionsTest {
    @Test
    void everyRuleIsDescribed() {
        List<String> ids = new ArrayList<>(Checker.ruleIds());
        ids.addAll(LiveChecker.ruleIds());
        ids.addAll(List.of("master-down", "min-healthy", "no-failover-target"));
        assertThat(ids).allSatisfy(id -> assertThat(RuleDescriptions.of(id)).doesNotStartWith("stagger rule "));
    }
}
