package dev.stagger.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A host's {@code address}: a DNS name, an IPv4 address or an IPv6 address, nothing else. It is
 * substituted into health URLs and hook arguments, so {@code a b; rm} or {@code 10.0.1.10:99} (a
 * port where an address belongs) would silently probe or act on something else.
 */
final class HostAddress {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private HostAddress() {
    }

    /** Reports an address that is none of the three; true when it is one. */
    static boolean check(String host, String address, Node node, Diagnostics d) {
        String problem = problem(address);
        if (problem != null && problem.startsWith("has a port")) {
            problem += " (`" + host + address.substring(address.lastIndexOf(':')) + "`)";
        }
        if (problem == null) {
            return true;
        }
        d.error(node, "host " + host + "'s address `" + address + "` " + problem);
        return false;
    }

    static String problem(String a) {
        if (isIpv4(a)) {
            return null; // what IPV4 below accepts, without a regex: a fleet has one per host
        }
        if (a.contains(":")) {
            if (a.matches("[^:]+:[0-9]+")) {
                return "has a port: an address is the host's name or IP only; put the port on the service's instances";
            }
            String bare = a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
            if (!IPV6_CHARS.matcher(bare).matches() || !isIpLiteral(bare)) {
                return "is not an IPv6 address";
            }
            return a.startsWith("[") ? "is bracketed: write the IPv6 address bare (`" + bare
                    + "`); stagger adds the brackets where a URL needs them" : null;
        }
        if (IPV4_LIKE.matcher(a).matches()) {
            return IPV4.matcher(a).matches() ? null : "is not an IPv4 address (four numbers 0-255)";
        }
        if (a.length() > 253) {
            return "is longer than a DNS name may be (253 characters)";
        }
        for (String label : a.endsWith(".") ? a.substring(0, a.length() - 1).split("\\.", -1) : a.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return "is not a host name or an IP address (letters, digits, `-` and `.` only, no spaces)";
            }
        }
        return null;
    }

    /** Four decimal numbers 0-255 without leading zeros, joined by dots: exactly what {@link #IPV4} matches. */
    static boolean isIpv4(String a) {
        int parts = 0;
        int i = 0;
        int n = a.length();
        while (true) {
            int start = i;
            int value = 0;
            while (i < n && a.charAt(i) >= '0' && a.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + a.charAt(i) - '0';
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || digits > 1 && a.charAt(start) == '0') {
                return false;
            }
            parts++;
            if (parts == 4) {
                return i == n;
            }
            if (i >= n || a.charAt(i) != '.') {
                return false;
            }
            i++;
        }
    }

    private static boolean isIpLiteral(String s) {
        try {
            // With only hex digits, colons and dots, getByName parses a literal and never asks DNS.
            return InetAddress.getByName(s).getHostAddress() != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
