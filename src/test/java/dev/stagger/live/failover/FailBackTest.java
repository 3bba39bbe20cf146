package dev.stagger.live.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the fail-back says: the refusal without who and which key, and the fix for each kind of refusal. */
class FailBackTest {
    private static final Endpoint TARGET = Endpoint.of("app2", 6380);

    @Test
    void theRefusalIsWhatRedisAnsweredWithoutTheLabelAndKey() {
        assertThat(FailBack.refusal("app2:6380: SET stagger:failover-check:99dfeb41-5f1d-43c2-9af7-c68f46933050:"
                + " NOREPLICAS Not enough good replicas to write.")).isEqualTo("NOREPLICAS Not enough good replicas to write.");
        assertThat(FailBack.refusal("app2:6380: connection refused")).isEqualTo("app2:6380: connection refused");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NOREPLICAS Not enough good replicas to write. | min-replicas-to-write",
        "OOM command not allowed when used memory > 'maxmemory'. | raise maxmemory on app2:6380",
        "MISCONF Redis is configured to save RDB snapshots | stop-writes-on-bgsave-error",
        "READONLY You can't write against a read only replica. | read-only replica",
        "NOPERM this user has no permissions | allow SET and DEL on stagger:failover-check:*",
        "something new | find out why app2:6380 refuses writes",
    })
    void eachRefusalGetsItsFix(String refusal, String fix) {
        assertThat(FailBack.fixFor(refusal, TARGET)).contains(fix);
    }
}
