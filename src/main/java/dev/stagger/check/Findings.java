package dev.stagger.check;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import dev.stagger.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects the rules' findings and turns them into the report: each distinct violation once
 * (rule + steps + subject), ordered by the position of the step they are reported at and then by
 * rule, and near-duplicates folded: for one rule and subject only the first is kept, and it says
 * how many more sets of steps break the rule the same way (a big rolling plan would otherwise
 * repeat one mistake hundreds of times).
 */
final class Findings {
    private record Entry(int at, int rule, Diagnostic d, boolean fold) {
    }

    private final Poset poset;
    private final List<String> ruleOrder;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    /** Findings counted but not built: more sets of steps breaking a rule the same way (rule|subject). */
    private final Map<String, Long> folded = new HashMap<>();

    Findings(Poset poset, List<String> ruleOrder) {
        this.poset = poset;
        this.ruleOrder = ruleOrder;
    }

    /**
     * A finding about steps (topological indices), reported at the one written last.
     *
     * @return false if the same rule, steps and subject were reported already
     */
    boolean add(String rule, Severity severity, Set<Integer> steps, String subject, String message, String fix) {
        return add(rule, severity, steps, subject, message, fix, true);
    }

    /** As {@link #add}, with {@code fold} false for findings that differ by more than their steps. */
    boolean add(String rule, Severity severity, Set<Integer> steps, String subject, String message, String fix, boolean fold) {
        List<Integer> ordered = new ArrayList<>(new TreeSet<>(steps));
        ordered.sort(Comparator.comparingInt(poset::written));
        List<String> ids = ordered.stream().map(i -> poset.step(i).id()).toList();
        if (!seen.add(rule + "|" + ids + "|" + subject)) {
            return false;
        }
        int last = ordered.get(ordered.size() - 1);
        Position where = poset.step(last).position();
        entries.add(new Entry(poset.written(last), rank(rule), new Diagnostic(where, severity, rule, ids, subject, message, fix), fold));
        return true;
    }

    /**
     * {@code n} more sets of steps that break {@code rule} about {@code subject} the way an added
     * finding does; counted in its "and N more" without building a finding each.
     */
    void countFolded(String rule, String subject, long n) {
        folded.merge(rule + "|" + subject, n, Long::sum);
    }

    /** A finding about the inventory alone (no step), reported at the service's position. */
    void addInventory(String rule, Severity severity, Position where, String subject, String message, String fix) {
        if (seen.add(rule + "||" + subject)) {
            entries.add(new Entry(Integer.MAX_VALUE, rank(rule), new Diagnostic(where, severity, rule, List.of(), subject, message, fix), false));
        }
    }

    private int rank(String rule) {
        int r = ruleOrder.indexOf(rule);
        if (r < 0) {
            throw new IllegalArgumentException("unknown rule " + rule);
        }
        return r;
    }

    List<Diagnostic> diagnostics() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(Entry::at).thenComparingInt(Entry::rule));
        Map<String, Entry> first = new LinkedHashMap<>();
        Map<String, Long> more = new LinkedHashMap<>();
        for (Entry e : sorted) {
            String key = e.fold() ? e.d().rule() + "|" + e.d().subject() : "once|" + first.size();
            if (first.putIfAbsent(key, e) != null) {
                more.merge(key, 1L, Long::sum);
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : first.entrySet()) {
            Diagnostic d = e.getValue().d();
            long n = more.getOrDefault(e.getKey(), 0L) + (e.getValue().fold() ? folded.getOrDefault(e.getKey(), 0L) : 0L);
            if (n > 0) {
                d = new Diagnostic(d.position(), d.severity(), d.rule(), d.steps(), d.subject(),
                        d.message() + " (and " + Phrases.plural(n, "more set") + " of steps like it)", d.fix());
            }
            out.add(d);
        }
        return out;
    }
}
