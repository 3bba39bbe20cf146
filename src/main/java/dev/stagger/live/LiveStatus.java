package dev.stagger.live;

import dev.stagger.model.AppService;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns a snapshot into {@code stagger status} rows, service by service in inventory order. */
public final class LiveStatus {
    private LiveStatus() {
    }

    public static List<StatusRow> rows(Inventory inventory, LiveSnapshot snapshot) {
        Addresses addresses = new Addresses(inventory);
        List<StatusRow> out = new ArrayList<>();
        for (Service s : inventory.services().values()) {
            for (Endpoint e : s.instances()) {
                Instance i = new Instance(s.name(), e);
                if (s instanceof RedisService r) {
                    out.add(redisRow(new GroupState(inventory, r, snapshot, addresses), e));
                } else if (s instanceof RedisClusterService) {
                    out.add(clusterNodeRow(s, i, snapshot));
                } else if (s instanceof SentinelService st) {
                    out.add(sentinelRow(inventory, st, i, snapshot, addresses));
                } else if (s instanceof AppService) {
                    AppProbe p = snapshot.app(i).orElse(null);
                    out.add(new StatusRow(s.name(), s.kind(), i.toString(), p == null ? "" : p.target(), "app",
                            p != null && p.healthy(), p == null ? "not probed" : p.healthy() ? "ok" : p.reason(),
                            null, null, null, null, null));
                }
            }
        }
        return out;
    }

    private static StatusRow redisRow(GroupState g, Endpoint e) {
        Instance i = g.instance(e);
        RedisProbe p = g.probe(e).orElse(null);
        if (p == null) {
            return new StatusRow(g.service.name(), g.service.kind(), i.toString(), g.addresses.of(e), "?", false,
                    "not probed", null, null, null, null, null);
        }
        String link = null;
        Long lag = null;
        if (p.isReplica() && p.info() != null) {
            link = p.info().masterSyncInProgress() ? "syncing" : p.info().masterLinkStatus();
            OptionalLong l = g.lag(e);
            lag = l.isPresent() ? l.getAsLong() : null;
        } else if (p.isMaster() && p.info() != null) {
            link = p.info().replicas().size() + " replicas";
        }
        Double memory = p.info() == null || p.info().memoryPercent() < 0 ? null : p.info().memoryPercent();
        String drift = null;
        boolean declaredMaster = e.equals(g.service.master());
        if (p.isMaster() && !declaredMaster) {
            drift = "master, declared replica";
        } else if (p.isReplica() && declaredMaster) {
            drift = "replica, declared master";
        }
        String health = p.healthy() ? "ok" : p.reason();
        return new StatusRow(g.service.name(), g.service.kind(), i.toString(), p.address(), p.roleLabel(), p.healthy(),
                health, link, lag, memory, null, drift);
    }

    private static StatusRow clusterNodeRow(Service s, Instance i, LiveSnapshot snapshot) {
        RedisProbe p = snapshot.redis(i).orElse(null);
        if (p == null) {
            return new StatusRow(s.name(), s.kind(), i.toString(), "", "?", false, "not probed", null, null, null, null, null);
        }
        Double memory = p.info() == null || p.info().memoryPercent() < 0 ? null : p.info().memoryPercent();
        return new StatusRow(s.name(), s.kind(), i.toString(), p.address(), p.roleLabel(), p.healthy(),
                p.healthy() ? "ok" : p.reason(), p.info() != null && p.isReplica() ? p.info().masterLinkStatus() : null,
                null, memory, null, null);
    }

    private static StatusRow sentinelRow(Inventory inventory, SentinelService st, Instance i, LiveSnapshot snapshot,
                                         Addresses addresses) {
        SentinelProbe p = snapshot.sentinel(i).orElse(null);
        if (p == null || !p.reachable()) {
            return new StatusRow(st.name(), st.kind(), i.toString(), p == null ? "" : p.address(), "sentinel", false,
                    p == null ? "not probed" : p.reason(), null, null, null, null, null);
        }
        List<String> views = new ArrayList<>();
        for (SentinelView v : p.masters().values()) {
            String master = Optional.ofNullable(v.masterAddress()).map(a -> describe(addresses, a)).orElse("not monitored");
            views.add(v.name() + "=" + master + " others " + v.numOtherSentinels() + "/" + (st.instances().size() - 1)
                    + (v.quorumOk() ? " quorum ok" : " quorum FAILED"));
        }
        return new StatusRow(st.name(), st.kind(), i.toString(), p.address(), "sentinel", true, "ok", null, null, null,
                views.isEmpty() ? "-" : String.join("; ", views), null);
    }

    private static String describe(Addresses addresses, String address) {
        int colon = address.lastIndexOf(':');
        try {
            return addresses.endpointAt(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
                    .map(Endpoint::toString).orElse(address);
        } catch (RuntimeException e) {
            return address;
        }
    }
}
