package dev.stagger.run;

import dev.stagger.model.AppService;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Whether the apps that {@code requires} a Redis group still work after a step acted on that group.
 * A verified failover is no success if the apps pinned the old master's address and now answer 503:
 * the data side is fine, the service is down. So a step is done only when every app requiring a group
 * it touched has its instances that were healthy before the step healthy again, and at least
 * {@code min_healthy}, within the step's ready_timeout. Instances this run has down on purpose (other
 * steps in progress, stopped hosts) are excused from the first part, never from {@code min_healthy}.
 *
 * <p>A health endpoint can answer 200 while every write fails (an app still connected to the old
 * master, now a read-only replica). So an app with a {@code write_check} must also prove it can
 * write: each instance whose write check passed before the step must pass it again after it; until
 * it does it counts as not healthy, and its answer says that its health alone passed.
 */
final class AppVerification {
    /**
     * What the apps could do before an action: the instances that were healthy, and of those the ones
     * whose {@code write_check} passed (only apps that declare one). Both must be so again after it.
     */
    record Baseline(Set<Instance> healthy, Set<Instance> writable) {
        static final Baseline NONE = new Baseline(Set.of(), Set.of());

        Baseline {
            healthy = Set.copyOf(healthy);
            writable = Set.copyOf(writable);
        }
    }

    /** What the apps answered at one probe round. */
    record Round(Map<Instance, Optional<String>> answers) {
        Set<Instance> healthy() {
            Set<Instance> out = new TreeSet<>();
            answers.forEach((i, why) -> {
                if (why.isEmpty()) {
                    out.add(i);
                }
            });
            return out;
        }
    }

    private final Inventory inventory;
    private final InstanceProbe probe;
    private final ProgressListener progress;
    private final Duration poll;
    /** Every app instance found healthy before some step of this run: the end-of-run check wants them back. */
    private final Set<Instance> healthyBeforeRun = ConcurrentHashMap.newKeySet();
    /** Every app instance whose write check passed before some step of this run: wanted writable at the end. */
    private final Set<Instance> writableBeforeRun = ConcurrentHashMap.newKeySet();

    AppVerification(Inventory inventory, InstanceProbe probe, ProgressListener progress, Duration poll) {
        this.inventory = inventory;
        this.probe = probe;
        this.progress = progress;
        this.poll = poll;
    }

    /**
     * The Redis groups a step acts on: the failed-over service; for any other step, every redis or
     * redis-cluster group with an instance on its targets.
     */
    static Set<String> groupsTouchedBy(Step step, Inventory inventory) {
        Set<String> out = new TreeSet<>();
        if (step.action() instanceof StepAction.Failover f) {
            out.add(f.service());
            return out;
        }
        for (var target : step.targets()) {
            for (Instance i : inventory.instancesOf(target)) {
                Service s = inventory.service(i.service()).orElse(null);
                if (s instanceof RedisService || s instanceof RedisClusterService) {
                    out.add(s.name());
                }
            }
        }
        return out;
    }

    /** The app services that require any of the groups, in inventory order. */
    static List<AppService> appsRequiring(Collection<String> groups, Inventory inventory) {
        List<AppService> out = new ArrayList<>();
        for (Service s : inventory.services().values()) {
            if (s instanceof AppService a && a.requires().stream().anyMatch(groups::contains)) {
                out.add(a);
            }
        }
        return out;
    }

    static Set<Instance> instancesOf(List<AppService> apps) {
        Set<Instance> out = new LinkedHashSet<>();
        for (AppService a : apps) {
            for (Endpoint e : a.instances()) {
                out.add(new Instance(a.name(), e));
            }
        }
        return out;
    }

    /** One health probe of every instance of the apps. */
    Round probe(List<AppService> apps) {
        return probe(apps, Set.of());
    }

    /**
     * One probe of every instance of the apps; a healthy instance in {@code mustWrite} also runs its
     * write check, and counts as unhealthy when that fails.
     */
    Round probe(List<AppService> apps, Set<Instance> mustWrite) {
        Map<Instance, Optional<String>> answers = new LinkedHashMap<>();
        for (Instance i : instancesOf(apps)) {
            Optional<String> why = answer(i);
            if (why.isEmpty() && mustWrite.contains(i)) {
                why = writeAnswer(i).map(w -> "answers its health check, but its write_check failed: " + w
                        + " (health alone passed; the app cannot write)");
            }
            answers.put(i, why);
        }
        return new Round(answers);
    }

    /**
     * Before a step's first action: which instances are healthy now, and which of those pass their
     * app's write check (each must be so again after it). Both are remembered for the end of the run.
     */
    Baseline before(List<AppService> apps) {
        Set<Instance> healthy = probe(apps).healthy();
        Set<Instance> writable = new TreeSet<>();
        Map<String, AppService> byName = byName(apps);
        for (Instance i : healthy) {
            if (byName.get(i.service()).writeCheck() != null && writeAnswer(i).isEmpty()) {
                writable.add(i);
            }
        }
        healthyBeforeRun.addAll(healthy);
        writableBeforeRun.addAll(writable);
        return new Baseline(healthy, writable);
    }

    /** Every app instance found healthy (and writable) before some step of this run. */
    Baseline baselineOfRun() {
        return new Baseline(healthyBeforeRun, writableBeforeRun);
    }

    /** The instances of these apps that have a write check to run. */
    static Set<Instance> withWriteCheck(List<AppService> apps) {
        return instancesOf(apps.stream().filter(a -> a.writeCheck() != null).toList());
    }

    private static Map<String, AppService> byName(List<AppService> apps) {
        Map<String, AppService> out = new LinkedHashMap<>();
        apps.forEach(a -> out.put(a.name(), a));
        return out;
    }

    private Optional<String> answer(Instance i) {
        try {
            return probe.whyUnhealthy(i);
        } catch (RuntimeException e) {
            // A probe that fails means unhealthy.
            return Optional.of("the probe failed: " + e.getMessage());
        }
    }

    private Optional<String> writeAnswer(Instance i) {
        try {
            return probe.whyCannotWrite(i);
        } catch (RuntimeException e) {
            // A write check that cannot run proves nothing: it failed.
            return Optional.of("the write check failed to run: " + e.getMessage());
        }
    }

    /**
     * Probes until every app is healthy or the timeout passes, saying on each poll which apps it waits
     * for and how long is left.
     *
     * @param before   what the apps could do before the action: those instances must be healthy (and
     *                 writable) again; {@link Baseline#NONE} when unknown (min_healthy alone)
     * @param excused  what this run has down on purpose now, re-read on each poll
     * @return empty when the apps are healthy; else what is wrong with each failing app and what each instance answered
     */
    Optional<String> await(StepLabel label, List<AppService> apps, Baseline before,
                           Supplier<Set<Instance>> excused, Duration timeout) {
        long start = System.nanoTime();
        while (true) {
            Set<Instance> away = excused.get();
            Set<Instance> mustWrite = new TreeSet<>(before.writable());
            mustWrite.removeAll(away);
            Round round = probe(apps, mustWrite);
            List<String> failing = failing(apps, round, before.healthy(), away);
            if (failing.isEmpty()) {
                return Optional.empty();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (elapsed.compareTo(timeout) >= 0) {
                return Optional.of(String.join("; ", failing));
            }
            progress.waiting(label, "the apps " + names(apps) + " healthy again (" + String.join("; ", failing) + ")",
                    elapsed, timeout.minus(elapsed));
            StepRunner.sleep(poll);
        }
    }

    /** Each app that is not healthy enough, with what its failing instances answered. */
    static List<String> failing(List<AppService> apps, Round round, Set<Instance> mustRecover, Set<Instance> excused) {
        List<String> out = new ArrayList<>();
        Set<Instance> healthy = round.healthy();
        for (AppService a : apps) {
            List<Instance> mine = instancesOf(List.of(a)).stream().toList();
            long up = mine.stream().filter(healthy::contains).count();
            int required = a.minHealthy().required(mine.size());
            List<Instance> notBack = mine.stream()
                    .filter(i -> mustRecover.contains(i) && !healthy.contains(i) && !excused.contains(i)).toList();
            if (up >= required && notBack.isEmpty()) {
                continue;
            }
            List<String> answers = new ArrayList<>();
            for (Instance i : mine) {
                round.answers().getOrDefault(i, Optional.of("not probed"))
                        .ifPresent(why -> answers.add(i + " " + why));
            }
            String what = up < required
                    ? up + " of " + mine.size() + " healthy, min_healthy " + a.minHealthy()
                    : notBack.size() + " healthy before not healthy again";
            out.add(a.name() + " (" + what + "): " + String.join(", ", answers));
        }
        return out;
    }

    static String names(List<AppService> apps) {
        return String.join(", ", apps.stream().map(AppService::name).toList());
    }

    /** {@code api (requires cache)}: which apps, and through which of the groups. */
    static String describe(List<AppService> apps, Set<String> groups) {
        List<String> parts = new ArrayList<>();
        for (AppService a : apps) {
            List<String> via = a.requires().stream().filter(groups::contains).toList();
            parts.add(a.name() + " (requires " + String.join(", ", via) + ")");
        }
        return String.join(", ", parts);
    }
}
