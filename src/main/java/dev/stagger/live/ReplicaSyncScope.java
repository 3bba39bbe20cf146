package dev.stagger.live;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code validate --live} with a plan: a replica that is out of sync matters to the plan only where
 * the run's gate needs it: as a failover target, or as a copy that must stay in sync while another
 * instance of its group goes down. The cluster-wide {@code replica-sync} error ({@code status}'s
 * view) is therefore judged against the gates of the plan's steps ({@link PlanGates}): where a step
 * needs the replica, the step's own error says so; where no step does, the run will not stop for it,
 * and it is a warning (the group has one copy fewer, which is still worth fixing).
 */
public final class ReplicaSyncScope {
    static final String RULE = "replica-sync";
    static final String NO_TARGET = "no-failover-target";

    private ReplicaSyncScope() {
    }

    /**
     * The cluster-wide findings with each {@code replica-sync} error scoped to the plan, followed by the
     * gate errors, one per finding with every step that meets it.
     *
     * @param clusterWide the whole-cluster findings ({@link LiveChecker#checkCluster})
     * @param gateErrors  the gate errors of the plan's steps that would stop the run
     */
    public static List<Diagnostic> apply(List<Diagnostic> clusterWide, List<Diagnostic> gateErrors) {
        List<Diagnostic> gates = merged(gateErrors);
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : clusterWide) {
            if (!d.isError() || !d.rule().equals(RULE) || d.subject() == null) {
                out.add(d);
                continue;
            }
            if (gates.stream().anyMatch(g -> g.rule().equals(RULE) && d.subject().equals(g.subject()))) {
                continue; // a step's gate needs it in sync: its error says so, naming the step
            }
            List<String> noTarget = stepsWithoutTarget(gates, serviceOf(d.subject()));
            if (!noTarget.isEmpty()) {
                out.add(new Diagnostic(d.position(), d.severity(), d.rule(), noTarget, d.subject(), d.message()
                        + "; " + String.join(", ", noTarget) + (noTarget.size() == 1 ? " has" : " have")
                        + " no replica to fail over to without it, so run stops there", d.fix(), d.quotable()));
                continue;
            }
            String service = serviceOf(d.subject());
            out.add(new Diagnostic(d.position(), Severity.WARNING, d.rule(), d.steps(), d.subject(),
                    d.message() + "; no step of this plan fails over to it or needs it in sync, so run will not stop"
                            + " for it, but until it catches up " + service + " has one copy fewer of its data and one"
                            + " failover target fewer if its master fails", d.fix(), d.quotable()));
        }
        out.addAll(gates);
        return out;
    }

    /** One diagnostic per finding (rule, subject, message), naming every step that meets it. */
    static List<Diagnostic> merged(List<Diagnostic> perStep) {
        Map<String, Diagnostic> first = new LinkedHashMap<>();
        Map<String, Set<String>> steps = new LinkedHashMap<>();
        for (Diagnostic d : perStep) {
            String key = d.rule() + "|" + d.subject() + "|" + d.message();
            first.putIfAbsent(key, d);
            steps.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(d.steps());
        }
        List<Diagnostic> out = new ArrayList<>();
        first.forEach((key, d) -> out.add(new Diagnostic(d.position(), d.severity(), d.rule(),
                List.copyOf(steps.get(key)), d.subject(), d.message(), d.fix(), d.quotable())));
        return out;
    }

    private static List<String> stepsWithoutTarget(List<Diagnostic> gates, String service) {
        Set<String> out = new LinkedHashSet<>();
        for (Diagnostic g : gates) {
            if (g.rule().equals(NO_TARGET) && service.equals(g.subject())) {
                out.addAll(g.steps());
            }
        }
        return List.copyOf(out);
    }

    /** Instance subjects read {@code service@host:port}. */
    private static String serviceOf(String instanceSubject) {
        int at = instanceSubject.indexOf('@');
        return at < 0 ? instanceSubject : instanceSubject.substring(0, at);
    }
}
