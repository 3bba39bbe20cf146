package dev.stagger.load;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plans that {@code validate PLAN...} names: files, directories (every plan under them) and
 * globs that the shell did not expand (a quoted {@code 'plans/**}{@code /*.yaml'} in CI), each plan once.
 */
public final class PlanFiles {
    /** Standard input, as a name in arguments and messages. */
    public static final String STDIN = "-";

    private static final Pattern TOP_KEY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_-]*)\\s*:");

    /** One thing to report on: a plan to check (a path, or {@link #STDIN}), or an argument that names no plan. */
    public record Item(String plan, Diagnostic error) {
    }

    /** What the arguments name, in their order, each plan once. */
    public record Expanded(List<Item> items) {
        public List<String> plans() {
            return items.stream().filter(i -> i.error() == null).map(Item::plan).toList();
        }

        /** Arguments that name nothing (a glob matching no plan, a directory without one): exit 2. */
        public List<Diagnostic> errors() {
            return items.stream().filter(i -> i.error() != null).map(Item::error).toList();
        }
    }

    private PlanFiles() {
    }

    public static Expanded expand(List<String> args) {
        Set<String> plans = new LinkedHashSet<>();
        List<Item> items = new ArrayList<>();
        for (String arg : args) {
            List<String> found;
            if (arg.equals(STDIN)) {
                found = List.of(STDIN);
            } else if (Files.isDirectory(Path.of(arg))) {
                found = directory(Path.of(arg));
                if (found.isEmpty()) {
                    items.add(new Item(arg, Diagnostic.inputError(Position.of(arg),
                            "no plan in directory " + arg + " (no *.yaml or *.yml file with `steps:`)")));
                }
            } else if (Glob.isGlob(arg) && !Files.exists(Path.of(arg))) {
                found = glob(arg);
                if (found.isEmpty()) {
                    items.add(new Item(arg, Diagnostic.inputError(Position.of(arg), "no plan matches " + arg
                            + " (a *.yaml or *.yml file that is not an inventory)")));
                }
            } else {
                // A missing file is the loader's to report, with the reason the system gives.
                found = List.of(arg);
            }
            for (String plan : found) {
                if (plans.add(plan)) {
                    items.add(new Item(plan, null));
                }
            }
        }
        return new Expanded(List.copyOf(items));
    }

    /** Every plan under the directory, recursively, sorted; hidden directories (.git, .stagger) skipped. */
    static List<String> directory(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !hiddenBelow(dir, p))
                    .filter(Files::isRegularFile)
                    .filter(p -> isYaml(p.getFileName().toString()))
                    .filter(PlanFiles::looksLikePlan)
                    .map(Path::toString)
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /**
     * A glob's matches, sorted. The fixed directories before the first wildcard are where the walk
     * starts; {@code **} spans directories, and like bash's globstar it may also span none.
     */
    static List<String> glob(String pattern) {
        String[] parts = pattern.split("/", -1);
        int fixed = 0;
        while (fixed < parts.length - 1 && !Glob.isGlob(parts[fixed])) {
            fixed++;
        }
        String base = String.join("/", java.util.Arrays.copyOfRange(parts, 0, fixed));
        boolean absolute = pattern.startsWith("/");
        Path root = Path.of(base.isEmpty() ? (absolute ? "/" : ".") : base);
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, fixed, parts.length));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        PathMatcher noDirs = FileSystems.getDefault().getPathMatcher("glob:" + rest.replace("**/", ""));
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !hiddenBelow(root, p))
                    .filter(Files::isRegularFile)
                    .filter(p -> {
                        Path rel = root.relativize(p);
                        return matcher.matches(rel) || noDirs.matches(rel);
                    })
                    // `plans/*` and `plans/*/*.yaml` mean the plans there, not their inventories and scripts.
                    .filter(p -> isYaml(p.getFileName().toString()) && looksLikePlan(p))
                    .map(p -> base.isEmpty() && !absolute ? root.relativize(p).toString() : p.toString())
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static boolean hiddenBelow(Path dir, Path p) {
        for (Path part : dir.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isYaml(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /**
     * In a directory, a YAML file is checked as a plan unless it is plainly something else: an
     * inventory ({@code hosts:}, {@code cluster:} or {@code services:} at top level) or a CI workflow
     * ({@code jobs:}), without {@code steps:}. A broken plan is still checked and reported.
     */
    static boolean looksLikePlan(Path file) {
        Set<String> keys = new LinkedHashSet<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.limit(100_000).forEach(line -> {
                var m = TOP_KEY.matcher(line);
                if (m.find()) {
                    keys.add(m.group(1));
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return true;
        }
        if (keys.contains("steps") || keys.contains("plan")) {
            return true;
        }
        return !(keys.contains("hosts") || keys.contains("cluster") || keys.contains("services") || keys.contains("jobs"));
    }
}
