package dev.stagger.live.failover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pure decisions of the timed switch: when to start it, and whether a promotion kept every write. */
class SwitchLogicTest {
    private static final String OLD_ID = "8f3c0c3e9a0b8f1e2d4c6b8a0e2f4d6c8b0a2e4f";

    @Test
    void startsWhenTheTargetsInfoIsAbout700MsOld() {
        RefreshWindow w = new RefreshWindow();
        assertThat(w.isOpen(100)).isFalse();
        assertThat(w.isOpen(650)).isFalse();
        assertThat(w.isOpen(710)).isTrue();
        assertThat(w.isOpen(800)).isTrue();
        assertThat(w.isOpen(801)).as("too late: the INFO could fall due before the promotion").isFalse();
        assertThat(w.isOpen(5_000)).isFalse();
    }

    @Test
    void aSentinelWithALongPeriodKeepsTheWindowAt700AfterARefresh() {
        RefreshWindow w = new RefreshWindow();
        assertThat(w.isOpen(9_000)).isFalse();
        assertThat(w.isOpen(10_050)).isFalse();
        assertThat(w.isOpen(20)).as("refreshed after a full period longer than the window").isFalse();
        assertThat(w.opensAt()).isEqualTo(RefreshWindow.START_AGE_MS);
        assertThat(w.isOpen(720)).isTrue();
    }

    @Test
    void aShortInfoPeriodMovesTheWindowToItsEnd() {
        RefreshWindow w = new RefreshWindow();
        for (long age = 0; age <= 530; age += 10) {
            assertThat(w.isOpen(age)).isFalse();
        }
        assertThat(w.isOpen(5)).isFalse();
        assertThat(w.opensAt()).isEqualTo(430);
        assertThat(w.isOpen(300)).isFalse();
        assertThat(w.isOpen(440)).isTrue();
        // A shorter period seen later moves it again: the window must open before every refresh.
        assertThat(w.isOpen(3)).isFalse();
        assertThat(w.opensAt()).isEqualTo(340);
        assertThat(w.isOpen(350)).isTrue();
    }

    @Test
    void aReplicaAtThePausedOffsetHoldsEveryWrite() {
        assertThat(Handover.judge(replica(1000), 1000, OLD_ID))
                .isEqualTo(new Handover.Verdict(Handover.State.CAUGHT_UP, 0));
        assertThat(Handover.judge(replica(1200), 1000, OLD_ID).state()).isEqualTo(Handover.State.CAUGHT_UP);
        assertThat(Handover.judge(replica(940), 1000, OLD_ID))
                .isEqualTo(new Handover.Verdict(Handover.State.BEHIND, 60));
        assertThat(Handover.judge(replica(940), 1000, OLD_ID).promoted()).isFalse();
    }

    @Test
    void aPromotionIsJudgedByTheOffsetAtWhichTheTargetLeftTheOldMastersHistory() {
        // second_repl_offset is one past the last byte it had: 1001 means it held bytes up to 1000.
        assertThat(Handover.judge(promoted(OLD_ID, 1001, 1500), 1000, OLD_ID))
                .isEqualTo(new Handover.Verdict(Handover.State.PROMOTED, 0));
        assertThat(Handover.judge(promoted(OLD_ID, 961, 1500), 1000, OLD_ID))
                .isEqualTo(new Handover.Verdict(Handover.State.PROMOTED_SHORT, 40));
        assertThat(Handover.judge(promoted("0000000000000000000000000000000000000000", 1001, 1500), 1000, OLD_ID)
                .state()).as("promoted from another history: nothing proves the writes are there")
                .isEqualTo(Handover.State.PROMOTED_SHORT);
        assertThat(Handover.judge(promoted(OLD_ID, 1001, 1500), 1000, OLD_ID).promoted()).isTrue();
    }

    private static ReplicationInfo replica(long offset) {
        return ReplicationInfo.parse("# Replication\r\nrole:slave\r\nmaster_link_status:up\r\nslave_repl_offset:"
                + offset + "\r\nmaster_replid:" + OLD_ID + "\r\nmaster_repl_offset:" + offset + "\r\n");
    }

    private static ReplicationInfo promoted(String replid2, long second, long offset) {
        return ReplicationInfo.parse("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n"
                + "master_replid:1111111111111111111111111111111111111111\r\nmaster_replid2:" + replid2
                + "\r\nmaster_repl_offset:" + offset + "\r\nsecond_repl_offset:" + second + "\r\n");
    }
}
