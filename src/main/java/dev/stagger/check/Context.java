package dev.stagger.check;

import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What every rule reads: the inventory, the plan's order, when instances are down, where masters are. */
record Context(Inventory inventory, Poset poset, Downtime downtime, Masters masters, Findings findings) {

    /** The steps behind some spans (the step that took each down; none for {@code state: down}). */
    Set<Integer> stepsOf(List<DownSpan> spans) {
        Set<Integer> out = new LinkedHashSet<>();
        for (DownSpan s : spans) {
            if (!s.isInitial()) {
                out.add(s.from());
            }
        }
        return out;
    }

    /** Step ids in plan order. */
    List<String> ids(Set<Integer> steps) {
        List<Integer> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingInt(poset::written));
        return sorted.stream().map(i -> poset.step(i).id()).toList();
    }

    String id(int step) {
        return poset.step(step).id();
    }

    /** Why an instance is down in a span: nothing for a maintain, a note for a stop or a down host. */
    String why(DownSpan s) {
        if (s.isInitial()) {
            return " (already down)";
        }
        if (s.from() != s.to()) {
            return " (left down by " + id(s.from()) + ")";
        }
        return "";
    }

    /** The two steps to order for a fix: the last one after the one before it, in plan order. */
    String orderFix(Set<Integer> steps) {
        List<String> ids = ids(steps);
        if (ids.size() < 2) {
            return null;
        }
        String group = rollingGroupOf(ids.get(ids.size() - 1), ids.get(ids.size() - 2));
        if (group != null) {
            // Sub-steps cannot be given `after`: the rolling step itself must run its hosts in turn.
            return "run the hosts of " + group + " one at a time: in graph order a rolling step's hosts are unordered"
                    + " (use `order: sequence`, or one `maintain` step per host chained with `after`)";
        }
        String fix = "order " + ids.get(ids.size() - 1) + " after " + ids.get(ids.size() - 2);
        return ids.size() > 2 ? fix + " (or let `stagger plan` group the steps into safe waves)" : fix;
    }

    /**
     * The fix when a limit breaks only because of instances already down before the plan starts and
     * a single step: splitting that step cannot help, bringing them back first does. Null when no
     * instance already down is among {@code spans}, or more than one step is involved.
     */
    String reviveFix(List<DownSpan> spans, Set<Integer> steps) {
        if (steps.size() != 1) {
            return null;
        }
        String step = id(steps.iterator().next());
        Set<String> hosts = new java.util.TreeSet<>();
        Set<Integer> starts = new java.util.TreeSet<>();
        for (DownSpan s : spans) {
            if (s.isInitial()) {
                s.instances().forEach(x -> hosts.add(x.host()));
                if (s.to() != Poset.NEVER) {
                    starts.add(s.to());
                }
            }
        }
        if (hosts.isEmpty()) {
            return null;
        }
        if (!starts.isEmpty()) {
            return "order " + step + " after " + String.join(" and ", ids(starts)) + ", which brings "
                    + String.join(", ", hosts) + " back";
        }
        return "add a step `start: " + String.join(", ", hosts) + "` ordered before " + step + " ("
                + String.join(", ", hosts) + (hosts.size() == 1 ? " is" : " are") + " already down), or take fewer hosts down in " + step;
    }

    /**
     * {@code X takes down}, {@code X and Y may overlap and together take down} when they may, or
     * {@code X and Y together take down} when the plan orders them but a stop keeps its targets down
     * from one to the other.
     */
    String takeDown(Set<Integer> steps) {
        List<Integer> all = new ArrayList<>(steps);
        for (int a = 0; a < all.size(); a++) {
            for (int b = a + 1; b < all.size(); b++) {
                if (!poset.mayOverlap(all.get(a), all.get(b))) {
                    return Phrases.list(ids(steps)) + " together take down";
                }
            }
        }
        return Phrases.takeDown(ids(steps));
    }

    /**
     * The fix for a count broken by {@code spans}: when one is a stop (down until a later start), ordering
     * the other step after the stop cannot help, so bring the stop's targets back first, or stop them
     * after the other step; otherwise {@link #orderFix}.
     */
    String spanFix(List<DownSpan> spans, Set<Integer> steps) {
        for (DownSpan l : spans) {
            if (l.isInitial() || l.from() == l.to()) {
                continue;
            }
            Set<Integer> others = new LinkedHashSet<>(steps);
            others.remove(l.from());
            if (others.isEmpty()) {
                continue;
            }
            List<Integer> sorted = new ArrayList<>(others);
            sorted.sort(Comparator.comparingInt(poset::written));
            int o = sorted.get(sorted.size() - 1);
            Set<String> hosts = new java.util.TreeSet<>();
            l.instances().forEach(x -> hosts.add(x.host()));
            String h = String.join(", ", hosts);
            if (!poset.precedes(l.from(), o)) {
                return "order " + id(l.from()) + " after " + id(o) + " (" + h + " stays down from " + id(l.from())
                        + " until it is started)";
            }
            if (l.to() != Poset.NEVER && !poset.precedes(o, l.to())) {
                return "order " + id(o) + " after " + id(l.to()) + ", which brings " + h + " back";
            }
            return "add a step `start: " + h + "` after " + id(l.from()) + " and before " + id(o);
        }
        return orderFix(steps);
    }

    /** How to split one step that takes too much down: a stop's targets stay down, so each needs its start first. */
    String splitAdvice(Set<Integer> steps) {
        int step = steps.iterator().next();
        if (poset.step(step).action() instanceof dev.stagger.model.StepAction.Stop) {
            return id(step) + " into stops of fewer hosts, each followed by its `start` before the next stop";
        }
        return id(step) + " into steps ordered one after another";
    }

    /**
     * How to name step {@code i} as the place a new step goes before: a rolling sub-step cannot be
     * addressed, so the rolling step itself when {@code i} is its first host, else a note to split it.
     */
    String placeBefore(int i) {
        String group = poset.step(i).rollingGroup();
        if (group == null) {
            return id(i);
        }
        for (int j : poset.ancestors(i).stream().toArray()) {
            if (group.equals(poset.step(j).rollingGroup())) {
                return id(i) + " (split the rolling step " + group + " into `maintain` steps to place it there)";
            }
        }
        return group;
    }

    /** The rolling step both sub-steps were expanded from, or null. */
    private String rollingGroupOf(String a, String b) {
        String ga = null;
        String gb = null;
        for (int i = 0; i < poset.size(); i++) {
            if (poset.step(i).id().equals(a)) {
                ga = poset.step(i).rollingGroup();
            } else if (poset.step(i).id().equals(b)) {
                gb = poset.step(i).rollingGroup();
            }
        }
        return ga != null && ga.equals(gb) ? ga : null;
    }

    String dcOf(Instance x) {
        return inventory.dcOf(x.host());
    }
}
