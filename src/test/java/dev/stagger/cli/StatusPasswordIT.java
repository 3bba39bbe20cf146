package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.RedisLab;
import dev.stagger.live.LiveChecker;
import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.live.ProbeSettings;
import dev.stagger.live.RedisProbe;
import dev.stagger.load.InventoryLoader;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisService;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A password-protected lab: credentials come from password_env and never reach the output. */
class StatusPasswordIT {
    private static final String PASSWORD = "lab-secret-0"; // failsafe sets STAGGER_LAB_PASSWORD to this

    @Test
    void passwordFromEnvWorksAndNeverAppears() {
        assertThat(System.getenv(RedisLab.PASSWORD_ENV)).as("failsafe environmentVariables").isEqualTo(PASSWORD);
        try (RedisLab lab = RedisLab.builder().password(PASSWORD).start()) {
            CliResult ok = CliResult.run("status", "-i", lab.inventory().toString());
            assertThat(ok.exitCode()).as(ok.toString()).isZero();
            assertThat(ok.out() + ok.err()).doesNotContain(PASSWORD);

            Inventory inv = InventoryLoader.load(lab.inventory());
            LiveSnapshot unset = new LiveProber(ProbeSettings.DEFAULT.withEnv(name -> null)).probe(inv);
            assertThat(unset.redis().values()).allSatisfy(p -> {
                assertThat(p.healthy()).isFalse();
                assertThat(p.reason()).isEqualTo("password_env STAGGER_LAB_PASSWORD is not set");
            });

            LiveSnapshot wrong = new LiveProber(ProbeSettings.DEFAULT.withEnv(name -> "not-" + PASSWORD)).probe(inv);
            assertThat(wrong.redis().values()).extracting(RedisProbe::healthy).containsOnly(false);
            assertThat(wrong.redis().values()).allSatisfy(p -> assertThat(p.reason()).doesNotContain(PASSWORD));
            assertThat(wrong.redis().values().iterator().next().reason()).containsIgnoringCase("pass");
            assertThat(wrong.toString() + ProbeSettings.DEFAULT).doesNotContain(PASSWORD);

            // A wrong or missing password is an auth finding with a credentials fix, not "unreachable ... mark host down".
            for (LiveSnapshot snapshot : List.of(wrong, unset)) {
                assertThat(snapshot.redis().values()).allSatisfy(p -> assertThat(p.failureRule()).isEqualTo("auth"));
                List<Diagnostic> found = LiveChecker.checkCluster(inv, snapshot);
                assertThat(found).filteredOn(d -> d.rule().equals("auth")).hasSize(inv.services().values().stream()
                        .filter(s -> s instanceof RedisService).mapToInt(s -> s.instances().size()).sum());
                assertThat(found).filteredOn(d -> d.rule().equals("auth"))
                        .allSatisfy(d -> assertThat(d.fix()).contains("credentials").doesNotContain("state: down"));
                assertThat(found).noneMatch(d -> d.rule().equals("unreachable") && d.message().contains("password"));
            }
        }
    }
}
