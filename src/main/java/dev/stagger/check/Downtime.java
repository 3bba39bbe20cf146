package dev.stagger.check;

import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * When each instance is down: the {@link DownSpan}s of a plan. Hosts declared {@code state: down}
 * are down from the start; a {@code stop} leaves its targets down until a {@code start} that follows
 * it; a {@code maintain} takes its targets down while in progress; failovers take nothing down.
 */
final class Downtime {
    private final Poset poset;
    private final List<Set<Instance>> touched = new ArrayList<>();
    private final List<DownSpan> spans = new ArrayList<>();
    private final Map<Instance, List<DownSpan>> byInstance = new HashMap<>();
    private final Map<String, List<DownSpan>> byService = new HashMap<>();
    /** Only the spans of stops and declared-down hosts: a maintain's own span never outlasts its step. */
    private final Map<Instance, List<DownSpan>> lastingByInstance = new HashMap<>();

    Downtime(Inventory inventory, Poset poset) {
        this.poset = poset;
        int n = poset.size();
        for (int i = 0; i < n; i++) {
            Set<Instance> set = new TreeSet<>();
            for (Target t : poset.step(i).targets()) {
                set.addAll(inventory.instancesOf(t));
            }
            touched.add(Collections.unmodifiableSet(set));
        }
        addLasting(Poset.BEFORE, inventory.initiallyDown());
        for (int i = 0; i < n; i++) {
            StepAction a = poset.step(i).action();
            if (a instanceof StepAction.Stop) {
                addLasting(i, touched.get(i));
            } else if (a instanceof StepAction.Maintain) {
                Set<Instance> fresh = new TreeSet<>();
                for (Instance x : touched.get(i)) {
                    if (!certainlyDownAlready(x, i)) {
                        fresh.add(x);
                    }
                }
                if (!fresh.isEmpty()) {
                    add(new DownSpan(i, i, Collections.unmodifiableSet(fresh)));
                }
            }
        }
    }

    /** Down from {@code from} until a start or maintain that follows it brings each instance back. */
    private void addLasting(int from, Set<Instance> instances) {
        Map<List<Integer>, Set<Instance>> byEnds = new LinkedHashMap<>();
        for (Instance x : instances) {
            byEnds.computeIfAbsent(startsAfter(from, x), k -> new TreeSet<>()).add(x);
        }
        for (Map.Entry<List<Integer>, Set<Instance>> e : byEnds.entrySet()) {
            List<Integer> ends = e.getKey();
            Set<Instance> down = Collections.unmodifiableSet(e.getValue());
            DownSpan span = ends.isEmpty() ? new DownSpan(from, Poset.NEVER, down)
                    : new DownSpan(from, ends.get(0), down, List.copyOf(ends.subList(1, ends.size())));
            add(span);
            for (Instance x : down) {
                lastingByInstance.computeIfAbsent(x, k -> new ArrayList<>()).add(span);
            }
        }
    }

    /**
     * The steps that can be the one bringing {@code x} back after {@code from}: the starts and
     * maintains (a maintain ends with its targets up and ready, so it repairs a stopped or declared
     * down instance too) that follow it with no other such step ordered before them (the minimal
     * ones). Whichever of them completes first ends the downtime, so each is an end of the span; a
     * step ordered after one of them never is (the instance is up by then). In topological order,
     * the first is a minimal one.
     */
    private List<Integer> startsAfter(int from, Instance x) {
        List<Integer> out = new ArrayList<>();
        for (int j = from + 1; j < poset.size(); j++) {
            StepAction a = poset.step(j).action();
            if ((a instanceof StepAction.Start || a instanceof StepAction.Maintain)
                    && poset.precedes(from, j) && touched.get(j).contains(x)) {
                int step = j;
                if (out.stream().noneMatch(m -> poset.precedes(m, step))) {
                    out.add(j);
                }
            }
        }
        return out;
    }

    /**
     * A maintain of an instance that a stop (or {@code state: down}) surely keeps down for the whole
     * step adds nothing: the lasting span is down whenever the maintain is (also when the maintain is
     * the step that ends it, bringing the instance back), so counting both would count it twice.
     */
    private boolean certainlyDownAlready(Instance x, int step) {
        // Only lasting spans can cover a later step (with thousands of maintains of one host, looking
        // through every span of the instance made this quadratic).
        for (DownSpan s : lastingByInstance.getOrDefault(x, List.of())) {
            if ((s.from() == Poset.BEFORE || poset.precedes(s.from(), step)) && s.endsWithOrAfter(step, poset)) {
                return true;
            }
        }
        return false;
    }

    private void add(DownSpan s) {
        spans.add(s);
        for (Instance x : s.instances()) {
            byInstance.computeIfAbsent(x, k -> new ArrayList<>()).add(s);
            List<DownSpan> ofService = byService.computeIfAbsent(x.service(), k -> new ArrayList<>());
            if (ofService.isEmpty() || ofService.get(ofService.size() - 1) != s) {
                ofService.add(s);
            }
        }
    }

    Poset poset() {
        return poset;
    }

    List<DownSpan> spans() {
        return spans;
    }

    /** The spans that take down some instance of {@code service}, in the order of {@link #spans()}. */
    List<DownSpan> spansOfService(String service) {
        return byService.getOrDefault(service, List.of());
    }

    List<DownSpan> spansOf(Instance x) {
        return byInstance.getOrDefault(x, List.of());
    }

    /** The instances a maintain, stop or start step takes down or brings up. */
    Set<Instance> touched(int step) {
        return touched.get(step);
    }

    Step step(int i) {
        return poset.step(i);
    }

    /** Instances that may be down while step {@code step} is in progress, its own targets included. */
    boolean mayBeDownDuring(Instance x, int step) {
        if (touched.get(step).contains(x) && !(poset.step(step).action() instanceof StepAction.Failover)) {
            return true;
        }
        for (DownSpan s : spansOf(x)) {
            if (s.compatibleWithStep(step, poset)) {
                return true;
            }
        }
        return false;
    }

    /** A span of {@code x} that may be down during {@code step}, other than the step's own; null if none. */
    DownSpan otherSpanDuring(Instance x, int step) {
        for (DownSpan s : spansOf(x)) {
            if (s.compatibleWithStep(step, poset) && !(s.from() == step && s.to() == step)) {
                return s;
            }
        }
        return null;
    }
}
