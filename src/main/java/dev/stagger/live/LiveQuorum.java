package dev.stagger.live;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.SentinelService;
import java.util.Collection;
import java.util.List;

/**
 * What a failover of one master really needs from its sentinels, as they are configured now rather
 * than as the inventory says: the quorum each sentinel was given ({@code SENTINEL MASTERS}
 * {@code quorum}; the highest, since any sentinel may be the one to judge the master down) and a
 * majority of the sentinels they know ({@code num-other-sentinels} + 1, stale entries included:
 * they count as voters that never vote). Sentinels configured with quorum 3 while the inventory says
 * 2 once let a plan leave two sentinels up: automatic failover was then impossible.
 *
 * @param quorum   the live quorum, or the declared one when no sentinel answered for this master
 * @param voters   how many sentinels the majority is counted over
 * @param declared the inventory's quorum
 * @param live     whether any sentinel answered for this master
 */
public record LiveQuorum(int quorum, int voters, int declared, boolean live) {

    /** From the sentinels that answered about {@code masterName}; the declared values where none did. */
    static LiveQuorum of(SentinelService sentinels, String masterName, LiveSnapshot snapshot) {
        int quorum = 0;
        int voters = 0;
        for (Endpoint e : sentinels.instances()) {
            SentinelProbe p = snapshot.sentinel(new Instance(sentinels.name(), e)).orElse(null);
            if (p == null || !p.reachable()) {
                continue;
            }
            SentinelView v = p.masters().get(masterName);
            if (v == null || v.masterAddress() == null) {
                continue;
            }
            quorum = Math.max(quorum, v.quorum());
            voters = Math.max(voters, v.numOtherSentinels() + 1);
        }
        boolean live = quorum > 0;
        return new LiveQuorum(live ? quorum : sentinels.quorum(),
                Math.max(voters, sentinels.instances().size()), sentinels.quorum(), live);
    }

    /** The highest live quorum over the masters the group watches, for a group-wide view. */
    static LiveQuorum ofGroup(SentinelService sentinels, Collection<String> masterNames, LiveSnapshot snapshot) {
        LiveQuorum best = new LiveQuorum(sentinels.quorum(), sentinels.instances().size(), sentinels.quorum(), false);
        for (String name : masterNames) {
            LiveQuorum q = of(sentinels, name, snapshot);
            if (q.live() && (!best.live() || q.quorum() > best.quorum() || q.voters() > best.voters())) {
                best = new LiveQuorum(Math.max(q.quorum(), best.live() ? best.quorum() : 0),
                        Math.max(q.voters(), best.voters()), sentinels.quorum(), true);
            }
        }
        return best;
    }

    /** Sentinels that must be up and answering for a failover: the quorum and a majority of the voters. */
    public int needed() {
        return Math.max(quorum, voters / 2 + 1);
    }

    /** {@code quorum 3 (live; the inventory says 2) and a majority of 3}, for messages. */
    public String describe() {
        String q = "quorum " + quorum + (live && quorum != declared ? " (live; the inventory says " + declared + ")" : "");
        return q + " and a majority of " + voters;
    }

    /** True when the sentinels were configured with another quorum than the inventory declares. */
    public boolean differs() {
        return live && quorum != declared;
    }

    static List<String> masterNamesOf(dev.stagger.model.Inventory inventory, SentinelService sentinels) {
        return inventory.services().values().stream()
                .filter(s -> s instanceof dev.stagger.model.RedisService r && sentinels.name().equals(r.sentinel()))
                .map(s -> ((dev.stagger.model.RedisService) s).masterName()).toList();
    }
}
