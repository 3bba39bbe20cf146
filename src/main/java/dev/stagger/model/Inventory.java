package dev.stagger.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cluster as declared: hosts and services, both in file order. Instances are indexed by host
 * once, because target resolution and the checkers ask "what runs on this host?" for every step.
 */
public final class Inventory {
    private final String cluster;
    private final String file;
    private final Defaults defaults;
    private final Policy policy;
    private final Map<String, Host> hosts;
    private final Map<String, Service> services;
    private final Map<String, List<Instance>> instancesByHost;
    /** Every instance in service order as declared; {@link #allInstances} sorts a copy when first asked. */
    private final List<Instance> declaredInstances = new ArrayList<>();
    private volatile List<Instance> allInstances;

    /**
     * @param file  where it was read from, as given to the tool (for messages)
     * @param hosts and services: insertion-ordered maps, kept as given
     */
    public Inventory(String cluster, String file, Defaults defaults, Policy policy,
                     Map<String, Host> hosts, Map<String, Service> services) {
        this.cluster = cluster;
        this.file = file;
        this.defaults = defaults;
        this.policy = policy;
        this.hosts = Collections.unmodifiableMap(hosts);
        this.services = Collections.unmodifiableMap(services);
        // Sized for every host at once, each list for the two or three instances a host runs: growing
        // them rehashed the map a dozen times and gave each of 50,000 hosts room for ten.
        this.instancesByHost = new HashMap<>(hosts.size() * 4 / 3 + 16);
        for (Service s : services.values()) {
            for (Endpoint e : s.instances()) {
                Instance i = new Instance(s.name(), e);
                declaredInstances.add(i);
                List<Instance> on = instancesByHost.get(e.host());
                if (on == null) {
                    on = new ArrayList<>(2);
                    instancesByHost.put(e.host(), on);
                }
                on.add(i);
            }
        }
    }

    public String cluster() {
        return cluster;
    }

    public String file() {
        return file;
    }

    public Defaults defaults() {
        return defaults;
    }

    public Policy policy() {
        return policy;
    }

    public Map<String, Host> hosts() {
        return hosts;
    }

    public Map<String, Service> services() {
        return services;
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public Optional<Service> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public String dcOf(String host) {
        Host h = hosts.get(host);
        return h == null ? "?" : h.dc();
    }

    /**
     * Every instance of every service, sorted by service then endpoint. Sorted on first use: planning
     * never asks, and sorting a 50,000-host fleet's instances held up every command that loads it.
     */
    public List<Instance> allInstances() {
        List<Instance> sorted = allInstances;
        if (sorted == null) {
            List<Instance> copy = new ArrayList<>(declaredInstances);
            Collections.sort(copy);
            // Two threads asking at once sort twice and publish equal lists: harmless.
            sorted = Collections.unmodifiableList(copy);
            allInstances = sorted;
        }
        return sorted;
    }

    /** How many instances the services declare, without sorting them. */
    public int instanceCount() {
        return declaredInstances.size();
    }

    /** Every instance on a host, in service order. */
    public List<Instance> instancesOnHost(String host) {
        return instancesByHost.getOrDefault(host, List.of());
    }

    /** The instances a target takes down: all on the host, or one service's on it. */
    public Set<Instance> instancesOf(Target target) {
        Set<Instance> out = new TreeSet<>();
        for (Instance i : instancesOnHost(target.host())) {
            if (target.service() == null || target.service().equals(i.service())) {
                out.add(i);
            }
        }
        return out;
    }

    /** The instances a step's targets take down (or start): the union of {@link #instancesOf(Target)}. */
    public Set<Instance> instancesOf(List<Target> targets) {
        if (targets.size() == 1) {
            return instancesOf(targets.get(0));
        }
        Set<Instance> out = new TreeSet<>();
        for (Target t : targets) {
            out.addAll(instancesOf(t));
        }
        return out;
    }

    /** Instances on hosts declared {@code state: down}. */
    public Set<Instance> initiallyDown() {
        Set<Instance> out = new TreeSet<>();
        for (Host h : hosts.values()) {
            if (h.isDown()) {
                out.addAll(instancesOnHost(h.name()));
            }
        }
        return out;
    }
}
