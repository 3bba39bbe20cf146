package dev.stagger.model;

import java.util.List;

/** A group of sentinels and the quorum they were configured with. */
public record SentinelService(
        String name,
        List<Endpoint> instances,
        int quorum,
        Auth auth,
        List<String> requires,
        Position position) implements Service {

    @Override
    public String kind() {
        return "sentinel";
    }

    /** Sentinels that must be up for a failover to be authorised: the quorum and a majority of all. */
    public int votersNeeded() {
        return Math.max(quorum, instances.size() / 2 + 1);
    }
}
