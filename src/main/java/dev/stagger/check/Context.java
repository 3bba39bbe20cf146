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

    String dcOf(Instance x) {
        return inventory.dcOf(x.host());
    }
}
