package dev.stagger.run;

import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory stand-in for the executor's own interfaces (not for Redis): hooks flip instances
 * down and up, probes read that state. Records every hook call and the most hosts down at once.
 */
final class FakeCluster implements InstanceProbe, HookRunner {
    private final Inventory inventory;
    private final Set<Instance> down = ConcurrentHashMap.newKeySet();
    final Set<String> neverReady = ConcurrentHashMap.newKeySet();
    final Map<String, Integer> failures = new HashMap<>();
    final Map<String, CountDownLatch> blockers = new HashMap<>();
    final Map<String, CountDownLatch> reached = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private int maxHostsDown;
    volatile long hookMillis;

    FakeCluster(Inventory inventory) {
        this.inventory = inventory;
    }

    @Override
    public void run(HookCall call, Listener listener) {
        String key = call.step() + " " + call.phase().label();
        synchronized (this) {
            calls.add(key + " " + String.join(" ", call.command()));
        }
        listener.started(-1);
        if (reached.containsKey(key)) {
            reached.get(key).countDown();
        }
        if (blockers.containsKey(key)) {
            try {
                blockers.get(key).await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (hookMillis > 0) {
            StepRunner.sleep(java.time.Duration.ofMillis(hookMillis));
        }
        Integer exit = failures.get(key);
        if (exit != null) {
            listener.output("boom on " + call.target() + "\n");
            throw new RunFailure(call.step(), call.phase().label(), "the " + call.phase().label() + " hook for "
                    + call.target() + " exited " + exit);
        }
        if (call.phase() == Phase.DOWN) {
            takeDown(call.target().host());
        } else if (call.phase() == Phase.UP) {
            bringUp(call.target().host());
        }
    }

    synchronized void takeDown(String host) {
        down.addAll(inventory.instancesOnHost(host));
        long hosts = down.stream().map(Instance::host).distinct().count();
        maxHostsDown = Math.max(maxHostsDown, (int) hosts);
    }

    synchronized void bringUp(String host) {
        inventory.instancesOnHost(host).forEach(down::remove);
    }

    @Override
    public boolean isDown(Instance instance) {
        return down.contains(instance);
    }

    @Override
    public boolean isReady(Instance instance) {
        return !down.contains(instance) && !neverReady.contains(instance.host());
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized int maxHostsDown() {
        return maxHostsDown;
    }

    boolean anyDown() {
        return !down.isEmpty();
    }
}
