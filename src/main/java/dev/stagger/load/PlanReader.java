package dev.stagger.load;

import dev.stagger.model.Inventory;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.Position;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A plan's top level ({@code plan}, {@code inventory}, {@code order}, {@code steps}) against a
 * loaded inventory: reads every step, then checks ids and {@code after} across the plan, then
 * expands {@code rolling}.
 */
final class PlanReader {
    static final List<String> TOP = List.of("plan", "inventory", "order", "steps");

    private PlanReader() {
    }

    /** @param inventoryPath the {@code inventory:} field resolved against the plan's directory, or null */
    static Optional<Plan> read(YamlMap top, Diagnostics d, Inventory inventory, String inventoryPath) {
        top.allowOnly(TOP, d);
        String name = top.require("plan", d, "missing `plan`: give the plan a name")
                .flatMap(n -> Values.text(n, d, "the plan's name").filter(t -> Names.checkPlainText("plan name", t, n, d)))
                .orElse(null);
        Order order = top.get("order").flatMap(n -> order(n, d)).orElse(Order.SEQUENCE);
        List<StepDraft> drafts = new ArrayList<>();
        top.require("steps", d, "missing `steps`: list what the plan does")
                .flatMap(n -> Values.list(n, d, "a list of steps"))
                .ifPresent(steps -> {
                    StepReader reader = new StepReader(inventory, d);
                    for (int i = 0; i < steps.size(); i++) {
                        drafts.add(reader.read(steps.get(i), i + 1));
                    }
                });
        List<Step> steps = link(drafts, d);
        if (d.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new Plan(name, d.file(), inventoryPath, order, steps));
    }

    private static Optional<Order> order(Node node, Diagnostics d) {
        Optional<String> text = Values.text(node, d, "`sequence` or `graph`");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return switch (text.get()) {
            case "sequence" -> Optional.of(Order.SEQUENCE);
            case "graph" -> Optional.of(Order.GRAPH);
            default -> {
                d.error(node, Suggest.unknown("order", text.get(), List.of("sequence", "graph")));
                yield Optional.empty();
            }
        };
    }

    /** Checks ids are unique and {@code after} names known steps, then builds the final steps. */
    private static List<Step> link(List<StepDraft> drafts, Diagnostics d) {
        Map<String, List<String>> groups = new LinkedHashMap<>(); // an id as written -> the step ids it stands for
        Map<String, Position> owner = new HashMap<>(2 * drafts.size());
        // A rolling step's hosts and sub-step ids, worked out once for the checks and the expansion.
        List<List<List<Target>>> hostsOf = new ArrayList<>(drafts.size());
        List<List<String>> idsOf = new ArrayList<>(drafts.size());
        for (StepDraft s : drafts) {
            List<List<Target>> hosts = s.rolling() && s.action() instanceof StepAction.Maintain m
                    ? RollingExpander.byHost(m.targets()) : null;
            List<String> ids = hosts == null ? List.of(s.id()) : RollingExpander.ids(s.id(), hosts);
            hostsOf.add(hosts);
            idsOf.add(ids);
            for (String id : ids.contains(s.id()) ? ids : concat(s.id(), ids)) {
                Position first = owner.putIfAbsent(id, s.position());
                if (first != null) {
                    d.error(s.position(), "duplicate step id `" + id + "` (also used by the step at line "
                            + first.line() + ")");
                }
            }
            groups.putIfAbsent(s.id(), ids);
        }
        SubSteps subs = new SubSteps(groups);
        List<Step> out = new ArrayList<>();
        for (int k = 0; k < drafts.size(); k++) {
            StepDraft s = drafts.get(k);
            List<String> after = after(s, groups, subs, d);
            if (s.action() == null) {
                continue;
            }
            if (s.rolling()) {
                out.addAll(RollingExpander.expand(s, hostsOf.get(k), idsOf.get(k), after));
            } else {
                out.add(new Step(s.id(), s.action(), after, s.hooks(), s.minReady(), s.readyTimeout(), s.note(),
                        null, s.position(), s.hookTimeout()));
            }
        }
        return out;
    }

    /**
     * Each rolling sub-step id to the id of its rolling step, made when an {@code after} first needs
     * it: most plans never name a sub-step, and a {@code rolling: "*"} over a fleet has 50,000.
     */
    private static final class SubSteps {
        private final Map<String, List<String>> groups;
        private Map<String, String> groupOfSub;

        SubSteps(Map<String, List<String>> groups) {
            this.groups = groups;
        }

        Map<String, String> map() {
            if (groupOfSub == null) {
                groupOfSub = new LinkedHashMap<>();
                groups.forEach((id, ids) -> ids.forEach(sub -> groupOfSub.putIfAbsent(sub, id)));
            }
            return groupOfSub;
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    /** The ids {@code s} waits for; naming a rolling step means all of its host steps. */
    private static List<String> after(StepDraft s, Map<String, List<String>> groups, SubSteps subs, Diagnostics d) {
        Set<String> out = new LinkedHashSet<>();
        for (Values.Named a : s.after()) {
            String group = groups.containsKey(a.name()) ? a.name() : subs.map().get(a.name());
            if (group == null) {
                d.error(a.node(), () -> {
                    Set<String> known = new LinkedHashSet<>(groups.keySet());
                    known.addAll(subs.map().keySet());
                    known.remove(s.id());
                    return Suggest.unknown("step", a.name(), known);
                });
            } else if (group.equals(s.id())) {
                d.error(a.node(), "step " + s.id() + " cannot come after itself");
            } else if (groups.containsKey(a.name())) {
                out.addAll(groups.get(a.name()));
            } else {
                out.add(a.name());
            }
        }
        return List.copyOf(out);
    }
}
