package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The takeover rules as a table: who may take another run's lock, and what the refusal says. */
class LockTakeoverTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:10:00Z");
    private static final String MINE = "/srv/a/.stagger/lab-maint.journal";

    private record Case(String name, String host, boolean alive, Instant expires, String journal, boolean resume,
                        boolean breakLock, boolean take, List<String> says) {
    }

    private static LockTakeover rules(boolean alive, boolean resume, boolean breakLock) {
        return new LockTakeover("lab", "the Redis key stagger:lock:{lab} in cache (master app1:6379)", NOW, "h1",
                (pid, since) -> alive, MINE, resume, breakLock);
    }

    private static LockOwner holder(String host, Instant expires, String journal) {
        return new LockOwner("ops", host, 4242, "maint", NOW.minusSeconds(185), expires, "tok", 5, journal, "/srv/a");
    }

    @Test
    void table() {
        Instant later = NOW.plusSeconds(112);
        List<Case> cases = List.of(
                new Case("live run here", "h1", true, later, MINE, false, false, false,
                        List.of("another run holds the lock on cluster lab: ops@h1 pid 4242, plan maint, since 2026-12-06T12:06:55Z (3m05s ago), journal " + MINE,
                                "; the lock (the Redis key stagger:lock:{lab} in cache (master app1:6379)) expires in 1m52s unless its run renews it.",
                                "It is still running on this host: wait for it to finish")),
                new Case("live run here, --resume", "h1", true, later, MINE, true, false, false, List.of("still running on this host")),
                new Case("dead run here, fresh start", "h1", false, later, MINE, false, false, false,
                        List.of("Its pid 4242 is gone on this host: continue that run with `stagger run PLAN --resume --journal " + MINE
                                + "` (it takes the lock over), or, once you know the cluster is as this plan expects, pass --break-lock")),
                new Case("dead run here, --resume of its journal", "h1", false, later, MINE, true, false, true,
                        List.of("taking over the lock of the run that died: ops@h1 pid 4242", "pid 4242 is gone on this host")),
                new Case("dead run here, --resume of another journal", "h1", false, later, "/srv/b.journal", true, false, false,
                        List.of("--resume --journal /srv/b.journal", "not this journal " + MINE)),
                new Case("another host, --resume", "h2", false, later, MINE, true, false, false,
                        List.of("stagger cannot see whether pid 4242 is alive on h2", "pass --break-lock together with --resume")),
                new Case("another host, --break-lock", "h2", true, later, MINE, false, true, true,
                        List.of("--break-lock: breaking the lock of ops@h2 pid 4242", "finds its lock gone at its next heartbeat")),
                new Case("live run here, --break-lock", "h1", true, later, MINE, false, true, true,
                        List.of("--break-lock: breaking the lock of ops@h1")),
                new Case("expired", "h2", true, NOW.minusSeconds(30), MINE, false, false, true,
                        List.of("expired 30s ago (its run stopped renewing it): taking it")));
        for (Case c : cases) {
            LockTakeover.Decision d = rules(c.alive(), c.resume(), c.breakLock()).decide(holder(c.host(), c.expires(), c.journal()));
            assertThat(d.take()).as(c.name() + ": " + d.message()).isEqualTo(c.take());
            assertThat(d.message()).as(c.name()).contains(c.says());
        }
    }

    @Test
    void anUnreadableRecordTakesBreakLock() {
        LockTakeover.Decision d = rules(true, true, false).decide(LockOwner.unreadable(NOW, NOW.plusSeconds(60)));
        assertThat(d.take()).isFalse();
        assertThat(d.message()).contains("an unreadable record", "If you know that no run of this cluster is in progress, pass --break-lock");
        assertThat(rules(true, false, true).decide(LockOwner.unreadable(NOW, NOW.plusSeconds(60))).take()).isTrue();
    }
}
