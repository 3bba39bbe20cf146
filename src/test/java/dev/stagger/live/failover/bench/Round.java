package dev.stagger.live.failover.bench;

import dev.stagger.lab.failover.AckedWriter;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * What one failover cost the writer, judged on the master that holds the data once the group settled:
 * acknowledged writes lost (SET and WAIT 1 both succeeded, key gone), accepted writes lost (SET
 * answered OK, key gone), and the write gap, the longest time between two accepted writes that
 * survived (a write that was accepted and then lost does not end a gap).
 */
record Round(boolean stagger, int lostAcked, int lostAccepted, long gapMillis, int accepted) {

    static Round judge(boolean stagger, AckedWriter writer, Jedis finalMaster) {
        List<AckedWriter.Write> writes = writer.accepted();
        List<Response<Boolean>> exists = new ArrayList<>();
        Pipeline p = finalMaster.pipelined();
        for (AckedWriter.Write w : writes) {
            exists.add(p.exists(w.key()));
        }
        p.sync();
        int lostAcked = 0;
        int lostAccepted = 0;
        long last = -1;
        long gap = 0;
        for (int i = 0; i < writes.size(); i++) {
            AckedWriter.Write w = writes.get(i);
            if (!exists.get(i).get()) {
                lostAccepted++;
                lostAcked += w.acked() ? 1 : 0;
                continue;
            }
            if (last >= 0) {
                gap = Math.max(gap, w.nanos() - last);
            }
            last = w.nanos();
        }
        return new Round(stagger, lostAcked, lostAccepted, gap / 1_000_000, writes.size());
    }

    @Override
    public String toString() {
        return (stagger ? "stagger" : "bare") + ": gap " + gapMillis + " ms, lost acknowledged " + lostAcked
                + ", lost accepted " + lostAccepted + " (of " + accepted + " accepted)";
    }
}
