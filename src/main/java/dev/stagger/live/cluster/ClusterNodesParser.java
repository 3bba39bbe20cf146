package dev.stagger.live.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the text of CLUSTER NODES (Redis 3 to 7):
 * {@code id ip:port@cport[,hostname] flags master ping-sent pong-recv config-epoch link-state slot...}.
 */
public final class ClusterNodesParser {
    private ClusterNodesParser() {
    }

    public static List<ClusterNode> parse(String text) {
        List<ClusterNode> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\r?\n")) {
            lineNo++;
            if (!line.isBlank()) {
                out.add(parseLine(line.trim(), lineNo));
            }
        }
        return List.copyOf(out);
    }

    static ClusterNode parseLine(String line, int lineNo) {
        String[] f = line.split(" +");
        if (f.length < 8) {
            throw new IllegalArgumentException("CLUSTER NODES line " + lineNo + " has " + f.length
                    + " fields, expected at least 8: " + line);
        }
        String address = f[1];
        String hostname = null;
        int comma = address.indexOf(',');
        if (comma >= 0) {
            hostname = address.substring(comma + 1);
            address = address.substring(0, comma);
            hostname = hostname.isEmpty() ? null : hostname;
        }
        int busPort = 0;
        int at = address.indexOf('@');
        if (at >= 0) {
            busPort = Integer.parseInt(address.substring(at + 1));
            address = address.substring(0, at);
        }
        // The port follows the LAST colon: IPv6 addresses contain colons of their own.
        int colon = address.lastIndexOf(':');
        String ip = colon >= 0 ? address.substring(0, colon) : address;
        int port = colon >= 0 && colon + 1 < address.length() ? Integer.parseInt(address.substring(colon + 1)) : 0;
        Set<String> flags = new LinkedHashSet<>(List.of(f[2].split(",")));
        String masterId = "-".equals(f[3]) ? null : f[3];
        long epoch = Long.parseLong(f[6]);
        boolean connected = "connected".equals(f[7]);
        List<SlotRange> slots = new ArrayList<>();
        for (int i = 8; i < f.length; i++) {
            // [slot->-id] (migrating) and [slot-<-id] (importing) are in-flight moves, not ownership.
            if (!f[i].startsWith("[")) {
                slots.add(SlotRange.parse(f[i]));
            }
        }
        return new ClusterNode(f[0], ip, port, busPort, hostname, java.util.Collections.unmodifiableSet(flags), masterId, epoch, connected,
                SlotRange.normalize(slots));
    }
}
