package dev.stagger.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for lab processes, safe when the integration tests run in parallel JVMs.
 *
 * <p>Two rules make a port handed out here free when the lab's process binds it a moment later:
 * <ul>
 * <li>Every port lies below the kernel's ephemeral range (32768+ by default), so no outgoing
 * connection (a replica to its master, a sentinel to a node, the test's own clients) is ever given it.
 * A port asked of the kernel with {@code bind(0)} comes from that range and may be reused by the next
 * connection of any process before redis-server binds it.</li>
 * <li>Each failsafe fork ({@value #FORK_PROPERTY}, set from {@code surefire.forkNumber}) draws from
 * a slice of its own, and within a JVM a cursor never hands out a port twice before the slice wraps.
 * Another build on the same machine may use the same slices: every port is probed free first, and the
 * random start makes a collision of two concurrent builds unlikely.</li>
 * </ul>
 * Data ports lie in 10000-19999, so a Redis Cluster node's bus port (port + 10000) lies in 20000-29999:
 * never a data port and still below the ephemeral range.
 */
public final class LabPorts {
    /** The failsafe fork ("fork-1", "fork-2", ...); absent when a test runs in an IDE. */
    public static final String FORK_PROPERTY = "stagger.lab.fork";
    private static final int FIRST = 10_000;
    private static final int SLICES = 5;
    private static final int SLICE = 2_000;
    private static final int BUS_OFFSET = 10_000;

    private static final int START = FIRST + slice() * SLICE;
    private static int cursor = ThreadLocalRandom.current().nextInt(SLICE);

    private LabPorts() {
    }

    /** {@code n} distinct free ports. */
    public static int[] free(int n) {
        return take(n, false);
    }

    /** {@code n} distinct ports whose cluster bus port (port + 10000, fixed since Redis 6.2) is free too. */
    public static int[] freeWithBus(int n) {
        return take(n, true);
    }

    private static synchronized int[] take(int n, boolean bus) {
        int[] out = new int[n];
        int found = 0;
        for (int tried = 0; tried < SLICE && found < n; tried++) {
            int port = START + cursor;
            cursor = (cursor + 1) % SLICE;
            if (isFree(port) && (!bus || isFree(port + BUS_OFFSET))) {
                out[found++] = port;
            }
        }
        if (found < n) {
            throw new IllegalStateException("no " + n + " free ports in 127.0.0.1:" + START + "-" + (START + SLICE - 1)
                    + (bus ? " with free bus ports (+" + BUS_OFFSET + ")" : ""));
        }
        return out;
    }

    private static int slice() {
        String fork = System.getProperty(FORK_PROPERTY, "").replaceAll("[^0-9]", "");
        try {
            return Math.floorMod(Integer.parseInt(fork), SLICES);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}
