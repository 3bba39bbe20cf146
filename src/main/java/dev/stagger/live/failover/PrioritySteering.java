package dev.stagger.live.failover;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes the target the only replica a sentinel may promote ({@code SENTINEL FAILOVER} cannot name
 * one): {@code replica-priority 0} on every other replica, and a non-zero priority on the target,
 * for the duration. {@link #restore()} puts every original value back and must run in a finally;
 * it reports what it could not restore, because a replica left at priority 0 would silently never
 * be promoted in a real outage.
 */
final class PrioritySteering {
    /** What the target gets when it was itself at 0 (not promotable): Redis's default. */
    static final String PROMOTABLE = "100";

    /** One changed setting: where, under which parameter name, and the value to put back. */
    private record Change(RedisLink link, String parameter, String original) {
    }

    private final FailoverContext ctx;
    private final List<Change> changes = new ArrayList<>();

    PrioritySteering(FailoverContext ctx) {
        this.ctx = ctx;
    }

    /** Applies the steering; a replica that cannot be steered is a refusal (restore first). */
    void apply(Topology t) {
        for (Topology.Replica r : t.others) {
            RedisLink link = t.open(ctx, r);
            set(link, "0", "so that the sentinels cannot pick it");
        }
        set(t.target, null, "so that the sentinels can pick it");
    }

    /** @param value the new value, or null for "make it promotable if it is not" */
    private void set(RedisLink link, String value, String why) {
        String parameter;
        String original;
        try {
            parameter = parameterName(link);
            original = link.configGet(parameter).orElseThrow();
        } catch (NodeUnavailable e) {
            throw FailoverException.refused("cannot read the replica priority of " + link + ": " + e.getMessage()
                    + "; without it the sentinels could promote another replica. Check that CONFIG is allowed for "
                    + "the inventory's user (ACL +config) and that the instance answers");
        }
        String wanted = value != null ? value : ("0".equals(original) ? PROMOTABLE : original);
        if (wanted.equals(original)) {
            return;
        }
        try {
            link.configSet(parameter, wanted);
        } catch (NodeUnavailable e) {
            throw FailoverException.refused("cannot set " + parameter + " on " + link + ": " + e.getMessage()
                    + "; check that CONFIG SET is allowed for the inventory's user");
        }
        changes.add(new Change(link, parameter, original));
        ctx.act("set " + parameter + " " + wanted + " on " + link + " (was " + original + ") " + why);
    }

    /** {@code replica-priority}, or {@code slave-priority} on servers older than Redis 5. */
    private static String parameterName(RedisLink link) {
        return link.configGet("replica-priority").isPresent() ? "replica-priority" : "slave-priority";
    }

    /**
     * Puts every original value back, newest first, and persists it: sentinels run CONFIG REWRITE on
     * the replicas they reconfigure, which may have written the temporary 0 into their config files.
     *
     * @return what could not be restored, with the command that fixes it; empty when all went back
     */
    List<String> restore() {
        List<String> problems = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change c = changes.get(i);
            try {
                c.link().configSet(c.parameter(), c.original());
                ctx.act("restored " + c.parameter() + " " + c.original() + " on " + c.link());
            } catch (NodeUnavailable e) {
                problems.add(c.parameter() + " on " + c.link() + " is still changed (" + e.getMessage() + "); run "
                        + "CONFIG SET " + c.parameter() + " " + c.original() + " and CONFIG REWRITE on it");
                continue;
            }
            try {
                c.link().configRewrite();
            } catch (NodeUnavailable e) {
                ctx.warn("the config file of " + c.link() + " may still hold the temporary " + c.parameter()
                        + " (CONFIG REWRITE failed: " + e.getMessage() + "); the running value is restored");
            }
        }
        changes.clear();
        return problems;
    }
}
