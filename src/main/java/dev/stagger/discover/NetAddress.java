package dev.stagger.discover;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;

/** An address as Redis reports it: an IP (or announced name) and a port. */
public record NetAddress(String host, int port) implements Comparable<NetAddress> {

    /** Parses {@code HOST:PORT} (the port follows the last colon, so IPv6 works). */
    public static NetAddress parse(String text, String flag) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new StaggerException(ExitCode.BAD_INPUT, flag + " expects HOST:PORT, got `" + text + "`");
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new NetAddress(host, port);
        } catch (NumberFormatException e) {
            throw new StaggerException(ExitCode.BAD_INPUT, flag + " expects a port from 1 to 65535, got `" + text + "`");
        }
    }

    @Override
    public int compareTo(NetAddress o) {
        int c = HostNames.NATURAL.compare(host, o.host);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
