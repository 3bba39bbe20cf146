package dev.stagger.run;

import dev.stagger.model.Durations;
import dev.stagger.model.Plan;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A fingerprint of what a plan does: order, steps, targets, edges, hooks, timings. Comments,
 * layout and line numbers do not count, so reformatting a plan does not block {@code --resume};
 * changing what it does does.
 */
public final class PlanHash {
    private PlanHash() {
    }

    public static String of(Plan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append("order=").append(plan.order()).append('\n');
        for (Step s : plan.steps()) {
            sb.append("step=").append(s.id())
                    .append("|action=").append(s.action().keyword())
                    .append("|targets=").append(s.targets())
                    .append("|after=").append(s.after());
            if (s.action() instanceof StepAction.Failover f) {
                sb.append("|service=").append(f.service()).append("|to=").append(f.to()).append("|shard=").append(f.shard());
            }
            if (s.hooks() != null) {
                sb.append("|down=").append(s.hooks().down())
                        .append("|do=").append(s.hooks().doCommand())
                        .append("|up=").append(s.hooks().up());
            }
            sb.append("|min_ready=").append(format(s.minReady()))
                    .append("|ready_timeout=").append(format(s.readyTimeout()));
            if (s.hookTimeout() != null) {
                sb.append("|hook_timeout=").append(format(s.hookTimeout()));
            }
            sb.append('\n');
        }
        return "sha256:" + HexFormat.of().formatHex(sha256(sb.toString()));
    }

    /** The first 12 hex digits of the text's SHA-256: enough to tell two long names apart in a file name. */
    static String shortHash(String text) {
        return HexFormat.of().formatHex(sha256(text)).substring(0, 12);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String format(Duration d) {
        return d == null ? "default" : Durations.format(d);
    }
}
