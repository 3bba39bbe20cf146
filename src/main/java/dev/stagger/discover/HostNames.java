package dev.stagger.discover;

import java.util.Comparator;
import java.util.Locale;

/**
 * Host names for discovered addresses, without reverse DNS (which is slow, often wrong and differs
 * between machines): {@code 10.0.1.10} becomes {@code h-10-0-1-10}, {@code ::1} becomes
 * {@code h-0-0-0-0-0-0-0-1} (IPv6 fully expanded), and an announced name such as
 * {@code redis-1.dc1.example} becomes {@code redis-1-dc1-example}. Same address, same name,
 * on every run: the operator can rename hosts freely afterwards, the address stays.
 */
public final class HostNames {
    /** Orders {@code h-10-0-1-9} before {@code h-10-0-1-10}: digit runs compare as numbers. */
    public static final Comparator<String> NATURAL = HostNames::compareNatural;

    private HostNames() {
    }

    public static String of(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return "h-" + a.replace('.', '-');
        }
        if (a.contains(":")) {
            return "h-" + String.join("-", expandIpv6(a));
        }
        String name = a.replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
        return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "h-" + name : name;
    }

    /** The eight groups of an IPv6 literal, each without leading zeros. */
    static String[] expandIpv6(String a) {
        String s = a;
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        String[] halves = s.split("::", -1);
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        String[] tail = halves.length > 1 && !halves[1].isEmpty() ? halves[1].split(":") : new String[0];
        String[] out = new String[8];
        java.util.Arrays.fill(out, "0");
        for (int i = 0; i < head.length && i < 8; i++) {
            out[i] = strip(head[i]);
        }
        for (int i = 0; i < tail.length && i < 8; i++) {
            out[8 - tail.length + i] = strip(tail[i]);
        }
        return out;
    }

    private static String strip(String group) {
        String g = group.replaceFirst("^0+(?=.)", "");
        return g.isEmpty() ? "0" : g;
    }

    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                int ej = j;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = new java.math.BigInteger(a.substring(i, ei)).compareTo(new java.math.BigInteger(b.substring(j, ej)));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
