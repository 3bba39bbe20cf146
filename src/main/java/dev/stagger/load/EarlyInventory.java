package dev.stagger.load;

import dev.stagger.model.Inventory;
import dev.stagger.model.StaggerException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the inventory on a second thread while the plan is parsed: on a big fleet each file takes
 * a few hundred milliseconds to compose, and a machine has two cores. The inventory's path is known
 * before the plan is parsed when given with {@code -i}, or guessed from a plain top-level
 * {@code inventory: path} line. The result is used only for the path the plan really names, and
 * only when reading the file worked: a failure to read is left to the ordinary, sequential path,
 * which reports it located at the plan's {@code inventory:} line. So the outcome, errors included,
 * is exactly the sequential one.
 */
final class EarlyInventory {
    private static final String KEY = "inventory:";
    private static final Pattern FIELD = Pattern.compile("inventory:[ \\t]+([A-Za-z0-9_./-]+)[ \\t]*(?:#.*)?\\r?");
    private static final EarlyInventory NONE = new EarlyInventory(null, null);

    private final Path path;
    private final FutureTask<Inventory> task;

    private EarlyInventory(Path path, FutureTask<Inventory> task) {
        this.path = path;
        this.task = task;
    }

    /** Starts reading the inventory of {@code planText} if its path is known or plainly written. */
    static EarlyInventory start(String planText, Path plan, Path override) {
        Path path = override != null ? override : guess(planText, plan);
        if (path == null) {
            return NONE;
        }
        FutureTask<Inventory> task = new FutureTask<>(() -> InventoryLoader.load(path));
        Thread t = new Thread(task, "stagger-inventory");
        t.setDaemon(true);
        t.start();
        return new EarlyInventory(path, task);
    }

    /** The path of the only top-level {@code inventory:} line, resolved as the plan loader does. */
    private static Path guess(String planText, Path plan) {
        String value = null;
        // Line starts by indexOf: a regex tried at every offset of a 1.5 MB plan cost more than
        // the inventory read it was meant to overlap.
        for (int at = 0; at >= 0 && at < planText.length(); ) {
            if (planText.startsWith(KEY, at)) {
                if (value != null) {
                    return null; // a duplicate key: the loader reports it
                }
                int end = planText.indexOf('\n', at);
                Matcher m = FIELD.matcher(planText.substring(at, end < 0 ? planText.length() : end));
                if (!m.matches()) {
                    return null;
                }
                value = m.group(1);
            }
            int nl = planText.indexOf('\n', at);
            at = nl < 0 ? -1 : nl + 1;
        }
        if (value == null) {
            return null;
        }
        try {
            Path p = Path.of(value);
            Path dir = plan.getParent();
            return dir == null || p.isAbsolute() ? p.normalize() : dir.resolve(p).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * The inventory read early from {@code wanted}; empty when none was read from that path, or
     * reading the file failed (the caller reads it again and reports the failure where it belongs).
     *
     * @throws StaggerException the inventory's own errors, exactly as reading it now would
     */
    Optional<Inventory> result(Path wanted) {
        if (task == null || !path.equals(wanted)) {
            return Optional.empty();
        }
        try {
            return Optional.of(task.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StaggerException bad && bad.diagnostics().stream()
                    .allMatch(x -> x.position().file().equals(path.toString()) && x.position().line() > 0)) {
                throw bad; // errors inside the inventory: the same as a sequential read finds
            }
            return Optional.empty();
        }
    }
}
