package dev.stagger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two packages of the product depend on each other, directly or through others: a package can
 * then be read, tested and changed knowing only the packages below it. Read from the sources (every
 * import and fully qualified name of a {@code dev.stagger} class), so it needs no build output.
 */
class PackageCycleTest {
    private static final Path MAIN = Path.of("src/main/java");
    /** A reference to a dev.stagger class: its package is everything before the first capitalised segment. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.stagger(?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

    @Test
    void productPackagesFormNoCycle() throws IOException {
        Map<String, Map<String, String>> deps = dependencies(MAIN);
        assertThat(deps).as("packages read from " + MAIN.toAbsolutePath()).containsKeys("dev.stagger.live",
                "dev.stagger.live.cluster", "dev.stagger.cli");
        assertThat(cycles(deps)).as("package cycles (each with one file that makes each dependency)").isEmpty();
    }

    @Test
    void findsACycleWhenThereIsOne() {
        Map<String, Map<String, String>> deps = new TreeMap<>();
        deps.put("a", new TreeMap<>(Map.of("b", "A.java")));
        deps.put("b", new TreeMap<>(Map.of("c", "B.java")));
        deps.put("c", new TreeMap<>(Map.of("a", "C.java")));
        deps.put("d", new TreeMap<>(Map.of("a", "D.java")));
        assertThat(cycles(deps)).singleElement().asString()
                .contains("a -> b (A.java)", "b -> c (B.java)", "c -> a (C.java)").doesNotContain("d ->");
    }

    /** package -> (package it uses -> one file of the first that uses it). */
    static Map<String, Map<String, String>> dependencies(Path root) throws IOException {
        Map<String, Map<String, String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(f);
                Matcher pm = PACKAGE.matcher(text);
                if (!pm.find()) {
                    continue;
                }
                String from = pm.group(1);
                Map<String, String> out = deps.computeIfAbsent(from, k -> new TreeMap<>());
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    String to = m.group(1);
                    if (!to.equals(from)) {
                        out.putIfAbsent(to, root.relativize(f).toString());
                    }
                }
            }
        }
        return deps;
    }

    /** Each strongly connected set of two or more packages, as its dependencies within the set. */
    static List<String> cycles(Map<String, Map<String, String>> deps) {
        Tarjan t = new Tarjan(deps);
        deps.keySet().forEach(p -> {
            if (!t.index.containsKey(p)) {
                t.visit(p);
            }
        });
        List<String> out = new ArrayList<>();
        for (Set<String> scc : t.components) {
            List<String> edges = new ArrayList<>();
            for (String from : scc) {
                deps.getOrDefault(from, Map.of()).forEach((to, file) -> {
                    if (scc.contains(to)) {
                        edges.add(from + " -> " + to + " (" + file + ")");
                    }
                });
            }
            out.add(String.join("; ", edges));
        }
        return out;
    }

    /** Tarjan's strongly connected components; fine for a few dozen packages. */
    private static final class Tarjan {
        final Map<String, Map<String, String>> deps;
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> low = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final List<Set<String>> components = new ArrayList<>();

        Tarjan(Map<String, Map<String, String>> deps) {
            this.deps = deps;
        }

        void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            for (String w : deps.getOrDefault(v, Map.of()).keySet()) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (stack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> scc = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    scc.add(w);
                } while (!w.equals(v));
                if (scc.size() > 1) {
                    components.add(scc);
                }
            }
        }
    }
}
