package dev.stagger.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cluster as declared: hosts (in file order) and services (in file order).
 *
 * @param file where it was read from, as given to the tool (for messages)
 */
public record Inventory(
        String cluster,
        String file,
        Defaults defaults,
        Policy policy,
        Map<String, Host> hosts,
        Map<String, Service> services) {

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

    /** Every instance of every service, sorted. */
    public List<Instance> allInstances() {
        List<Instance> all = new ArrayList<>();
        for (Service s : services.values()) {
            for (Endpoint e : s.instances()) {
                all.add(new Instance(s.name(), e));
            }
        }
        all.sort(Comparator.naturalOrder());
        return all;
    }

    /** The instances a target takes down: all on the host, or one service's on it. */
    public Set<Instance> instancesOf(Target target) {
        Set<Instance> out = new TreeSet<>();
        for (Service s : services.values()) {
            if (target.service() != null && !target.service().equals(s.name())) {
                continue;
            }
            for (Endpoint e : s.instances()) {
                if (e.host().equals(target.host())) {
                    out.add(new Instance(s.name(), e));
                }
            }
        }
        return out;
    }

    /** Instances on hosts declared {@code state: down}. */
    public Set<Instance> initiallyDown() {
        Set<Instance> out = new TreeSet<>();
        for (Instance i : allInstances()) {
            Host h = hosts.get(i.host());
            if (h != null && h.isDown()) {
                out.add(i);
            }
        }
        return out;
    }
}
