package dev.stagger.live.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of a failover: reply parsing, Sentinel's eligibility rules, the waiter's deadline. */
class ParsingTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsReplicationInfo() {
        ReplicationInfo i = ReplicationInfo.parse("# Replication\r\nrole:slave\r\nmaster_link_status:up\r\n"
                + "master_sync_in_progress:0\r\nslave_repl_offset:42\r\nmaster_repl_offset:42\r\n"
                + "master_failover_state:no-failover\r\n");
        assertThat(i.isMaster()).isFalse();
        assertThat(i.linkUp()).isTrue();
        assertThat(i.syncInProgress()).isFalse();
        assertThat(i.replicaOffset()).isEqualTo(42);
        assertThat(i.failoverState()).isEqualTo("no-failover");
        assertThat(ReplicationInfo.parse("role:master\r\n").replicaOffset()).isEqualTo(-1);
    }

    @Test
    void comparesVersions() {
        assertThat(ReplicationInfo.versionAtLeast("6.2.0", 6, 2)).isTrue();
        assertThat(ReplicationInfo.versionAtLeast("7.0.15", 6, 2)).isTrue();
        assertThat(ReplicationInfo.versionAtLeast("6.0.16", 6, 2)).isFalse();
        assertThat(ReplicationInfo.versionAtLeast("5.0.7", 6, 2)).isFalse();
        assertThat(ReplicationInfo.versionAtLeast(null, 6, 2)).isFalse();
    }

    @Test
    void appliesSentinelsOwnReplicaSelectionRules() {
        Map<String, String> good = Map.of("flags", "slave", "slave-priority", "100", "info-refresh", "800",
                "master-link-status", "ok");
        assertThat(SentinelCandidates.ineligibility(good)).isNull();
        assertThat(SentinelCandidates.ineligibility(with(good, "slave-priority", "0"))).isEqualTo("slave-priority 0");
        assertThat(SentinelCandidates.ineligibility(with(good, "flags", "slave,s_down"))).contains("s_down");
        assertThat(SentinelCandidates.ineligibility(with(good, "flags", "slave,disconnected"))).contains("disconnected");
        assertThat(SentinelCandidates.ineligibility(with(good, "info-refresh", "1700000000000"))).contains("INFO");
        assertThat(SentinelCandidates.ineligibility(with(good, "master-link-status", "err"))).contains("err");
    }

    private static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> out = new java.util.HashMap<>(m);
        out.put(k, v);
        return out;
    }

    @Test
    void aWaitThatTimesOutSaysWhatItLastSaw() {
        List<String> progress = new ArrayList<>();
        Waiter w = new Waiter(Duration.ofMillis(5), progress::add);
        int[] calls = {0};
        assertThatThrownBy(() -> w.await("the moon", Duration.ofMillis(60), () -> {
            calls[0]++;
            // The first look fails: on a loaded machine it may be the only one before the deadline.
            if (calls[0] % 2 == 1) {
                throw new NodeUnavailable("r1:6379: ROLE: Connection refused");
            }
            return "still the sun";
        }, seen -> FailoverException.failed("gave up: " + seen)))
                .isInstanceOf(FailoverException.class)
                .hasMessageStartingWith("failover failed: gave up: ");
        assertThat(calls[0]).isPositive();
        assertThat(progress.get(0)).isEqualTo("waiting up to 0.1s for the moon");
        assertThat(w.await("now", Duration.ofSeconds(1), () -> null, s -> new IllegalStateException(s)))
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void refusalsAndFailuresCarryTheirExitCodes() {
        assertThat(FailoverException.refused("x").exitCode()).isEqualTo(1);
        assertThat(FailoverException.refused("x").clusterChanged()).isFalse();
        assertThat(FailoverException.failed("x").exitCode()).isEqualTo(3);
    }
}
