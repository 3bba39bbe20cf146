package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.model.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsersTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesRoleOfMasterReplicaAndSentinel() {
        RoleReply m = RoleReply.parse(List.of(b("master"), 3129659L,
                List.of(List.of(b("10.0.2.10"), b("6379"), b("3129242")), List.of(b("10.0.3.10"), b("6380"), b("3129543")))));
        assertThat(m.isMaster()).isTrue();
        assertThat(m.offset()).isEqualTo(3129659L);
        assertThat(m.replicas()).containsExactly(new RoleReply.Replica("10.0.2.10", 6379, 3129242),
                new RoleReply.Replica("10.0.3.10", 6380, 3129543));

        RoleReply r = RoleReply.parse(List.of(b("slave"), b("10.0.1.10"), 6379L, b("connected"), 3167038L));
        assertThat(r.isReplica()).isTrue();
        assertThat(r.masterHost()).isEqualTo("10.0.1.10");
        assertThat(r.masterPort()).isEqualTo(6379);
        assertThat(r.linkState()).isEqualTo("connected");
        assertThat(r.offset()).isEqualTo(3167038L);

        RoleReply s = RoleReply.parse(List.of(b("sentinel"), List.of(b("cache"))));
        assertThat(s.isMaster()).isFalse();
        assertThat(s.isReplica()).isFalse();
        assertThat(s.role()).isEqualTo("sentinel");
    }

    @Test
    void parsesSentinelMasterEntry() {
        SentinelView v = SentinelView.of("cache", java.util.Map.of("name", "cache", "flags", "master,s_down",
                "num-other-sentinels", "4", "quorum", "2"), "10.0.1.10:6379", 4, 1, false, "NOQUORUM 1 usable");
        assertThat(v.numOtherSentinels()).isEqualTo(4);
        assertThat(v.quorum()).isEqualTo(2);
        assertThat(v.masterDown()).isTrue();
        assertThat(v.failoverInProgress()).isFalse();
        SentinelView unknown = SentinelView.of("cache", null, null, 0, 0, false, "does not monitor cache");
        assertThat(unknown.numOtherSentinels()).isZero();
        assertThat(unknown.masterAddress()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "http://{address}:8080/healthz, app1, 0, http://10.0.1.10:8080/healthz",
        "https://{host}.example/{port}, app1, 9000, https://app1.example/9000",
        "tcp://{address}:{port}, app2, 7001, tcp://10.0.1.10:7001"})
    void expandsHealthTemplates(String template, String host, int port, String expected) {
        assertThat(HealthUrl.expand(template, Endpoint.of(host, port), "10.0.1.10")).isEqualTo(expected);
    }

    @Test
    void healthTemplateNeedingAPortExplainsItself() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> HealthUrl.expand("http://{address}:{port}/", Endpoint.of("app1", 0), "1.2.3.4"))
                .hasMessageContaining("uses {port}").hasMessageContaining("app1:PORT");
    }

    @Test
    void parsesAReplicasRoleAndKnowsWhenItIsLinked() {
        RoleReply r = RoleReply.parse(List.of(b("slave"), b("127.0.0.1"), 9753L, b("connected"), 3167038L));
        assertThat(r.isReplica()).isTrue();
        assertThat(r.replicatesFrom("127.0.0.1", 9753)).isTrue();
        assertThat(r.replicatesFrom("127.0.0.1", 9754)).isFalse();
        RoleReply syncing = RoleReply.parse(List.of(b("slave"), b("127.0.0.1"), 9753L, b("sync"), -1L));
        assertThat(syncing.replicatesFrom("127.0.0.1", 9753)).isFalse();
        assertThat(syncing.describe()).isEqualTo("replica of 127.0.0.1:9753 (sync, offset -1)");
        assertThatThrownBy(() -> RoleReply.parse(List.of(b("leader")))).hasMessageContaining("leader");
    }
}
