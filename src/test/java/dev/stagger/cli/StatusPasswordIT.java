package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.RedisLab;
import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.live.ProbeSettings;
import dev.stagger.live.RedisProbe;
import dev.stagger.load.InventoryLoader;
import dev.stagger.model.Inventory;
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
        }
    }
}
