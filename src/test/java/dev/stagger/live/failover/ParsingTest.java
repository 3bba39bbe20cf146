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
    void parsesAMastersRoleWithItsReplicas() {
        Role r = Role.parse(List.of(b("master"), 3129659L,
                List.of(List.of(b("127.0.0.1"), b("6380"), b("3129242")), List.of(b("10.0.0.2"), b("6381"), b("3129543")))));
        assertThat(r.isMaster()).isTrue();
        assertThat(r.offset()).isEqualTo(3129659L);
        assertThat(r.replicas()).containsExactly(new Role.Peer("127.0.0.1", 6380, 3129242L),
                new Role.Peer("10.0.0.2", 6381, 3129543L));
    }

    @Test
    void parsesAReplicasRoleAndKnowsWhenItIsLinked() {
        Role r = Role.parse(List.of(b("slave"), b("127.0.0.1"), 9753L, b("connected"), 3167038L));
        assertThat(r.kind()).isEqualTo(Role.Kind.REPLICA);
        assertThat(r.replicatesFrom("127.0.0.1", 9753)).isTrue();
        assertThat(r.replicatesFrom("127.0.0.1", 9754)).isFalse();
        Role syncing = Role.parse(List.of(b("slave"), b("127.0.0.1"), 9753L, b("sync"), -1L));
        assertThat(syncing.replicatesFrom("127.0.0.1", 9753)).isFalse();
        assertThat(syncing.describe()).isEqualTo("replica of 127.0.0.1:9753 (sync, offset -1)");
        assertThatThrownBy(() -> Role.parse(List.of(b("leader")))).hasMessageContaining("leader");
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
            if (calls[0] % 2 == 0) {
                throw new NodeUnavailable("r1:6379: ROLE: Connection refused");
            }
            return "still the sun";
        }, seen -> FailoverException.failed("gave up: " + seen)))
                .isInstanceOf(FailoverException.class)
                .hasMessageStartingWith("failover failed: gave up: ");
        assertThat(calls[0]).isGreaterThan(2);
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
