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

    private static final String MASTER_INFO = String.join("\r\n",
            "# Server", "redis_version:7.0.15", "", "# Memory", "used_memory:1048576", "maxmemory:2097152",
            "total_system_memory:8589934592", "# Persistence", "loading:0", "rdb_changes_since_last_save:12",
            "rdb_bgsave_in_progress:1", "aof_enabled:0", "aof_rewrite_in_progress:0",
            "# Replication", "role:master", "connected_slaves:2",
            "slave0:ip=10.0.2.10,port=6379,state=online,offset=990,lag=0",
            "slave1:ip=10.0.3.10,port=6380,state=wait_bgsave,offset=0,lag=1",
            "master_repl_offset:1000", "");

    private static final String REPLICA_INFO = String.join("\r\n",
            "# Replication", "role:slave", "master_host:10.0.1.10", "master_port:6379", "master_link_status:down",
            "master_sync_in_progress:1", "slave_repl_offset:400", "master_repl_offset:400", "", "# Persistence",
            "loading:1", "aof_enabled:1", "aof_rewrite_in_progress:1", "# Memory", "used_memory:10", "maxmemory:0",
            "total_system_memory:100");

    @Test
    void parsesMasterInfo() {
        RedisInfo i = InfoParser.parse(MASTER_INFO);
        assertThat(i.master()).isTrue();
        assertThat(i.replOffset()).isEqualTo(1000);
        assertThat(i.replicas()).containsExactly(
                new RedisInfo.ReplicaLink("10.0.2.10", 6379, "online", 990, 0),
                new RedisInfo.ReplicaLink("10.0.3.10", 6380, "wait_bgsave", 0, 1));
        assertThat(i.rdbBgsaveInProgress()).isTrue();
        assertThat(i.aofRewriteInProgress()).isFalse();
        assertThat(i.rdbChangesSinceLastSave()).isEqualTo(12);
        assertThat(i.memoryLimit()).isEqualTo(2097152);
        assertThat(i.memoryPercent()).isEqualTo(50.0);
        assertThat(i.version()).isEqualTo("7.0.15");
        assertThat(i.masterLinkStatus()).isNull();
    }

    @Test
    void parsesReplicaInfoAndFallsBackToSystemMemory() {
        RedisInfo i = InfoParser.parse(REPLICA_INFO);
        assertThat(i.master()).isFalse();
        assertThat(i.masterHost()).isEqualTo("10.0.1.10");
        assertThat(i.masterPort()).isEqualTo(6379);
        assertThat(i.linkUp()).isFalse();
        assertThat(i.masterSyncInProgress()).isTrue();
        assertThat(i.replOffset()).isEqualTo(400);
        assertThat(i.loading()).isTrue();
        assertThat(i.aofEnabled()).isTrue();
        assertThat(i.aofRewriteInProgress()).isTrue();
        assertThat(i.memoryLimit()).isEqualTo(100);
        assertThat(i.memoryPercent()).isEqualTo(10.0);
    }

    @Test
    void missingFieldsReadAsZeroAndUnknownMemoryIsNegative() {
        RedisInfo i = InfoParser.parse("role:master\r\nused_memory:notanumber\r\n");
        assertThat(i.usedMemory()).isZero();
        assertThat(i.memoryPercent()).isEqualTo(-1);
        assertThat(i.replicas()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "'ip=1.2.3.4,port=7,state=online,offset=5,lag=1', 1.2.3.4, 7, online, 5, 1, true",
        "'ip=1.2.3.4,port=7,state=send_bulk,offset=0,lag=3', 1.2.3.4, 7, send_bulk, 0, 3, false",
        "'ip=::1,port=9,state=wait_bgsave', ::1, 9, wait_bgsave, 0, 0, false"})
    void parsesReplicaLines(String line, String ip, int port, String state, long offset, long lag, boolean online) {
        RedisInfo.ReplicaLink l = InfoParser.replicaLink(line);
        assertThat(l).isEqualTo(new RedisInfo.ReplicaLink(ip, port, state, offset, lag));
        assertThat(l.online()).isEqualTo(online);
    }

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
