package dev.stagger.live.cluster;

import java.util.List;

/** Replies captured from a real Redis 7.0.15 cluster on loopback (3 masters, 3 replicas). */
final class CapturedReplies {
    static final String M1 = "6d1e0aaa0bef1b231bc89d1df3244c13cf103802";
    static final String M2 = "2077cf3d1dcc79b3af970c7d07db78ee4779f429";
    static final String M3 = "a1fcd14f330558d8403f586c1d7fe495e2fada2c";
    static final String R4 = "a8002a0f8c4217e1fed83f4bec29a14114843476";
    static final String R5 = "ef7a760c7b9c5c5607efce67d747a8353eaa93ab";
    static final String R6 = "ccbe6a5cf512e7b6a3998ceb081093385c4cb9e5";

    static final String NODES = """
            a1fcd14f330558d8403f586c1d7fe495e2fada2c 127.0.0.1:17003@27003 master - 0 1795762395201 3 connected 10923-16383
            a8002a0f8c4217e1fed83f4bec29a14114843476 127.0.0.1:17004@27004 slave 2077cf3d1dcc79b3af970c7d07db78ee4779f429 0 1795762396000 2 connected
            ef7a760c7b9c5c5607efce67d747a8353eaa93ab 127.0.0.1:17005@27005 slave a1fcd14f330558d8403f586c1d7fe495e2fada2c 0 1795762397209 3 connected
            6d1e0aaa0bef1b231bc89d1df3244c13cf103802 127.0.0.1:17001@27001 myself,master - 0 1795762396000 1 connected 0-5460
            2077cf3d1dcc79b3af970c7d07db78ee4779f429 127.0.0.1:17002@27002 master - 0 1795762395001 2 connected 5461-10922
            ccbe6a5cf512e7b6a3998ceb081093385c4cb9e5 127.0.0.1:17006@27006 slave 6d1e0aaa0bef1b231bc89d1df3244c13cf103802 0 1795762396205 1 connected
            """;

    /** The same cluster after 17006 took over 0-5460 and 17003 failed (as 17001 sees it). */
    static final String NODES_AFTER_FAILOVER_AND_FAIL = """
            a1fcd14f330558d8403f586c1d7fe495e2fada2c 127.0.0.1:17003@27003 master,fail - 1795762395201 1795762395201 3 disconnected 10923-16383
            a8002a0f8c4217e1fed83f4bec29a14114843476 127.0.0.1:17004@27004 slave 2077cf3d1dcc79b3af970c7d07db78ee4779f429 0 1795762396000 2 connected
            ef7a760c7b9c5c5607efce67d747a8353eaa93ab 127.0.0.1:17005@27005 slave,fail? a1fcd14f330558d8403f586c1d7fe495e2fada2c 0 1795762397209 3 connected
            6d1e0aaa0bef1b231bc89d1df3244c13cf103802 127.0.0.1:17001@27001 myself,slave ccbe6a5cf512e7b6a3998ceb081093385c4cb9e5 0 1795762396000 7 connected
            2077cf3d1dcc79b3af970c7d07db78ee4779f429 127.0.0.1:17002@27002 master - 0 1795762395001 2 connected 5461-10922 [5461->-a1fcd14f330558d8403f586c1d7fe495e2fada2c]
            ccbe6a5cf512e7b6a3998ceb081093385c4cb9e5 127.0.0.1:17006@27006 master - 0 1795762396205 7 connected 0-5460
            """;

    static final String INFO = """
            cluster_state:ok
            cluster_slots_assigned:16384
            cluster_slots_ok:16384
            cluster_slots_pfail:0
            cluster_slots_fail:0
            cluster_known_nodes:6
            cluster_size:3
            cluster_current_epoch:6
            cluster_my_epoch:1
            cluster_stats_messages_ping_sent:8
            total_cluster_links_buffer_limit_exceeded:0
            """;

    static final String REPLICA_INFO = """
            # Replication
            role:slave
            master_host:127.0.0.1
            master_port:17001
            master_link_status:up
            master_last_io_seconds_ago:6
            master_sync_in_progress:0
            slave_read_repl_offset:14
            slave_repl_offset:14
            slave_priority:100
            master_repl_offset:14
            """;

    static final String MASTER_INFO = """
            # Replication
            role:master
            connected_slaves:1
            slave0:ip=127.0.0.1,port=17006,state=online,offset=14,lag=1
            master_failover_state:no-failover
            master_repl_offset:20
            """;

    /** CLUSTER SHARDS, decoded: the first two shards of the capture. */
    static final List<Object> SHARDS = List.of(
            List.of("slots", List.of(10923L, 16383L), "nodes", List.of(
                    List.of("id", M3, "port", 17003L, "ip", "127.0.0.1", "endpoint", "127.0.0.1",
                            "role", "master", "replication-offset", 0L, "health", "online"),
                    List.of("id", R5, "port", 17005L, "ip", "127.0.0.1", "endpoint", "127.0.0.1",
                            "role", "replica", "replication-offset", 0L, "health", "loading"))),
            List.of("slots", List.of(0L, 5460L), "nodes", List.of(
                    List.of("id", M1, "port", 17001L, "ip", "127.0.0.1", "endpoint", "127.0.0.1",
                            "hostname", "r1", "role", "master", "replication-offset", 14L, "health", "online"),
                    List.of("id", R6, "port", 17006L, "ip", "127.0.0.1", "endpoint", "127.0.0.1",
                            "role", "replica", "replication-offset", 14L, "health", "online"))));

    private CapturedReplies() {
    }
}
