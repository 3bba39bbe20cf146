package dev.stagger.live.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InfoParserTest {

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
}
