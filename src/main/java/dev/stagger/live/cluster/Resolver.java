package dev.stagger.live.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns an inventory host address into the IP a node would announce. Forward lookup only (a name
 * in the inventory may be a DNS name); on failure the address is kept, and drift will say so.
 */
public final class Resolver {
    private Resolver() {
    }

    public static String ip(String address) {
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            return address;
        }
    }
}
