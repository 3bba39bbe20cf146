package dev.stagger.load;

import dev.stagger.model.Inventory;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Plan;
import dev.stagger.model.StaggerException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a plan and the inventory it names. The inventory comes first because targets are checked
 * against it: if it is bad, its errors are reported and the plan is not read further.
 */
public final class PlanLoader {
    private PlanLoader() {
    }

    /**
     * @param inventoryOverride {@code -i}, or null to use the plan's {@code inventory:} field, which is
     *                          resolved against the plan file's directory
     * @throws StaggerException exit 2 with every error of the plan (or of its inventory)
     */
    public static LoadedPlan load(Path plan, Path inventoryOverride) {
        return load(SourceFile.read(plan), plan, inventoryOverride);
    }

    /** The plan file's text as {@link #load(Path, Path)} reads it: UTF-8, size-capped, errors located. */
    public static String read(Path plan) {
        return SourceFile.read(plan);
    }

    /** A plan piped in ({@code validate -}), read with the same cap as a file. */
    public static String read(java.io.InputStream in, String name) {
        return SourceFile.read(in, name);
    }

    /**
     * A plan already read, e.g. from standard input.
     *
     * @param plan its name in messages; also resolves a relative {@code inventory:} field
     */
    public static LoadedPlan load(String text, Path plan, Path inventoryOverride) {
        String file = plan.toString();
        EarlyInventory early = EarlyInventory.start(text, plan, inventoryOverride);
        Diagnostics d = new Diagnostics(file);
        Optional<YamlMap> top = SafeYaml.compose(text, d).flatMap(root -> YamlMap.of(root, d, "a plan with `plan` and `steps`"));
        if (top.isEmpty()) {
            d.throwIfAny();
        }
        refuseAnInventory(top.get(), d);
        Optional<Node> field = top.get().get("inventory");
        Optional<Path> fromPlan = field.flatMap(n -> inventoryField(n, plan, d));
        Inventory inventory;
        if (inventoryOverride != null) {
            inventory = early.result(inventoryOverride).orElseGet(() -> InventoryLoader.load(inventoryOverride));
        } else if (fromPlan.isPresent()) {
            Path p = fromPlan.get();
            inventory = early.result(p).orElseGet(() -> InventoryLoader.parse(
                    SourceFile.read(p, d.at(field.get()), "cannot read inventory " + p + ": "), p.toString()));
        } else {
            if (field.isEmpty()) {
                d.error(top.get().node(), "no inventory: add `inventory: inventory.yaml` to the plan or pass -i INVENTORY");
            }
            throw StaggerException.badInput(d.list());
        }
        Optional<Plan> read = PlanReader.read(top.get(), d, inventory, fromPlan.map(Path::toString).orElse(null));
        d.throwIfAny();
        return new LoadedPlan(read.orElseThrow(), inventory);
    }

    /**
     * A plan from text, against an inventory already loaded: for the planner, tests and round trips.
     *
     * @param fileName used in messages and to resolve the {@code inventory:} field
     * @throws StaggerException exit 2 with every error of the text
     */
    public static Plan parse(String yaml, String fileName, Inventory inventory) {
        Diagnostics d = new Diagnostics(fileName);
        Optional<YamlMap> top = SafeYaml.compose(yaml, d).flatMap(root -> YamlMap.of(root, d, "a plan with `plan` and `steps`"));
        if (top.isEmpty()) {
            d.throwIfAny();
        }
        refuseAnInventory(top.get(), d);
        Optional<Path> fromPlan = top.get().get("inventory").flatMap(n -> inventoryField(n, Path.of(fileName), d));
        Optional<Plan> plan = PlanReader.read(top.get(), d, inventory, fromPlan.map(Path::toString).orElse(null));
        d.throwIfAny();
        return plan.orElseThrow();
    }

    /** An inventory passed where the plan belongs gets one clear error instead of a dozen unknown keys. */
    private static void refuseAnInventory(YamlMap top, Diagnostics d) {
        if (!top.has("plan") && !top.has("steps") && (top.has("hosts") || top.has("services"))) {
            d.error(top.node(), "this is an inventory, not a plan: pass the plan file (with `plan:` and `steps:`)"
                    + " and this one with -i");
            d.throwIfAny();
        }
    }

    /** The {@code inventory:} field as a path relative to the plan's directory. */
    private static Optional<Path> inventoryField(Node node, Path plan, Diagnostics d) {
        Optional<String> text = Values.text(node, d, "the inventory's path");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(text.get());
            Path dir = plan.getParent();
            return Optional.of(dir == null || p.isAbsolute() ? p.normalize() : dir.resolve(p).normalize());
        } catch (InvalidPathException e) {
            d.error(node, "`inventory` is not a valid path: " + e.getReason());
            return Optional.empty();
        }
    }
}
