package dev.stagger.report;

import dev.stagger.live.ClusterSummary;
import dev.stagger.live.StatusRow;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code stagger status}: a table per service, then the live-rule findings; or the same as JSON. */
public final class StatusReport {
    private static final String[] HEADERS = {"instance", "address", "role", "health", "link", "lag", "memory", "quorum", "drift"};

    private StatusReport() {
    }

    public static boolean healthy(List<Diagnostic> findings) {
        return findings.stream().noneMatch(Diagnostic::isError);
    }

    public static String text(String cluster, List<StatusRow> rows, List<Diagnostic> findings, Ansi ansi) {
        return text(cluster, rows, List.of(), findings, ansi);
    }

    /** With each Redis Cluster's shards (master, replicas, slots, link, lag, flags, coverage) above its nodes. */
    public static String text(String cluster, List<StatusRow> rows, List<ClusterSummary> clusters,
                              List<Diagnostic> findings, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<StatusRow>> e : byService(rows).entrySet()) {
            StatusRow first = e.getValue().get(0);
            sb.append(ansi.bold(e.getKey())).append(" (").append(first.kind()).append(")\n");
            clusters.stream().filter(c -> c.service().equals(e.getKey())).forEach(c -> shards(sb, c, ansi));
            List<String[]> cells = new ArrayList<>();
            cells.add(HEADERS);
            for (StatusRow r : e.getValue()) {
                cells.add(new String[] {r.instance(), r.address(), r.role(), r.health(), dash(r.link()),
                    r.lagBytes() == null ? "-" : r.lagBytes() + "B",
                    r.memoryPercent() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", r.memoryPercent()),
                    dash(r.quorum()), dash(r.drift())});
            }
            table(sb, cells, ansi);
            sb.append('\n');
        }
        for (Diagnostic d : findings) {
            String label = d.severity() == Severity.ERROR ? ansi.red("error") : ansi.yellow("warning");
            sb.append(label).append(": [").append(d.rule()).append("] ").append(d.message()).append('\n');
            if (d.fix() != null) {
                sb.append("    fix: ").append(d.fix()).append('\n');
            }
        }
        long errors = findings.stream().filter(Diagnostic::isError).count();
        long warnings = findings.size() - errors;
        String counts = errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
        sb.append(healthy(findings) ? ansi.green("HEALTHY") : ansi.red("UNHEALTHY")).append(": ")
                .append(cluster).append(": ").append(counts).append('\n');
        return sb.toString();
    }

    public static String json(String cluster, Instant at, List<StatusRow> rows, List<Diagnostic> findings) {
        return json(cluster, at, rows, List.of(), findings);
    }

    /** With a {@code cluster} object (state, coverage, shards) on each Redis Cluster service. */
    public static String json(String cluster, Instant at, List<StatusRow> rows, List<ClusterSummary> clusters,
                              List<Diagnostic> findings) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("cluster", cluster);
        root.put("probed_at", at.toString());
        root.put("healthy", healthy(findings));
        List<Object> services = new ArrayList<>();
        for (Map.Entry<String, List<StatusRow>> e : byService(rows).entrySet()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", e.getKey());
            s.put("kind", e.getValue().get(0).kind());
            List<Object> instances = new ArrayList<>();
            for (StatusRow r : e.getValue()) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("instance", r.instance());
                i.put("address", r.address());
                i.put("role", r.role());
                i.put("healthy", r.healthy());
                i.put("health", r.health());
                i.put("link", r.link());
                i.put("lag_bytes", r.lagBytes());
                i.put("memory_percent", r.memoryPercent() == null ? null
                        : Math.round(r.memoryPercent() * 10) / 10.0);
                i.put("quorum", r.quorum());
                i.put("drift", r.drift());
                instances.add(i);
            }
            clusters.stream().filter(c -> c.service().equals(e.getKey())).findFirst()
                    .ifPresent(c -> s.put("cluster", clusterJson(c)));
            s.put("instances", instances);
            services.add(s);
        }
        root.put("services", services);
        List<Object> out = new ArrayList<>();
        for (Diagnostic d : findings) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rule", d.rule());
            f.put("severity", d.severity().label());
            f.put("subject", d.subject());
            f.put("message", d.message());
            f.put("fix", d.fix());
            out.add(f);
        }
        root.put("findings", out);
        return Json.write(root);
    }

    private static void shards(StringBuilder sb, ClusterSummary c, Ansi ansi) {
        if (c.state() == null) {
            sb.append("  ").append(ansi.red("no view")).append(": ").append(c.reason()).append('\n');
            return;
        }
        sb.append("  cluster_state ").append(c.state()).append(", slots ").append(c.coveredSlots()).append("/16384")
                .append(c.missingSlots() == null ? "" : ", missing " + c.missingSlots())
                .append(" (seen from ").append(c.observer()).append(")\n");
        for (ClusterSummary.Shard s : c.shards()) {
            sb.append("  shard ").append(s.slots()).append(": master ").append(s.master())
                    .append(s.flags() == null ? "" : " [" + s.flags() + "]");
            for (ClusterSummary.Replica r : s.replicas()) {
                sb.append(", replica ").append(r.instance()).append(" (link ").append(r.link())
                        .append(r.lagBytes() == null ? "" : ", lag " + r.lagBytes() + "B")
                        .append(r.flags() == null ? "" : ", " + r.flags()).append(')');
            }
            sb.append(s.drift() == null ? "" : "; drift: " + s.drift()).append('\n');
        }
    }

    private static Map<String, Object> clusterJson(ClusterSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", c.state());
        m.put("slots_covered", c.coveredSlots());
        m.put("slots_missing", c.missingSlots());
        m.put("observer", c.observer());
        m.put("reason", c.reason());
        List<Object> shards = new ArrayList<>();
        for (ClusterSummary.Shard s : c.shards()) {
            Map<String, Object> sh = new LinkedHashMap<>();
            sh.put("slots", s.slots());
            sh.put("master", s.master());
            sh.put("flags", s.flags());
            List<Object> replicas = new ArrayList<>();
            for (ClusterSummary.Replica r : s.replicas()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("instance", r.instance());
                rm.put("link", r.link());
                rm.put("lag_bytes", r.lagBytes());
                rm.put("flags", r.flags());
                replicas.add(rm);
            }
            sh.put("replicas", replicas);
            sh.put("drift", s.drift());
            shards.add(sh);
        }
        m.put("shards", shards);
        return m;
    }

    private static Map<String, List<StatusRow>> byService(List<StatusRow> rows) {
        Map<String, List<StatusRow>> out = new LinkedHashMap<>();
        for (StatusRow r : rows) {
            out.computeIfAbsent(r.service(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static void table(StringBuilder sb, List<String[]> cells, Ansi ansi) {
        int[] width = new int[HEADERS.length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < HEADERS.length; c++) {
                String cell = cells.get(r)[c];
                line.append(c == HEADERS.length - 1 ? cell : String.format(Locale.ROOT, "%-" + width[c] + "s  ", cell));
            }
            String text = line.toString().stripTrailing();
            sb.append(r == 0 ? ansi.dim(text) : text).append('\n');
        }
    }
}
