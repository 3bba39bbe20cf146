package dev.stagger.plan;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Plan;
import java.util.List;
import java.util.Map;

/**
 * The planner's answer: a plan in {@code order: graph} with the reason for everything it added, or
 * a refusal explaining why no safe order exists.
 *
 * @param plan          the planned steps in output order (null when refused)
 * @param addedEdges    every ordering edge the planner added, with why (in output order)
 * @param inserted      inserted failover step id to why it is there
 * @param waveOf        step id to its wave (1-based); a failover has the wave of the step it precedes
 * @param waves         maintenance steps on the longest chain of the planned graph
 * @param failovers     failover steps in the planned graph
 * @param aboveBound    why the plan is above a lower bound (empty when it meets both)
 * @param refusal       why no safe order exists (empty when planned)
 * @param waveList      each wave in order: its maintenance steps, data centres and failovers
 * @param writtenFailovers written failover step id to why the plan drops it or gives it another
 *                      target than written ({@link KeptFailovers}); absent when kept as written
 */
public record PlanResult(
        Plan plan,
        Map<Edge, String> addedEdges,
        Map<String, String> inserted,
        Map<String, Integer> waveOf,
        int waves,
        int failovers,
        LowerBounds bounds,
        List<String> aboveBound,
        List<Diagnostic> refusal,
        List<Wave> waveList,
        Map<String, String> writtenFailovers) {

    public PlanResult(Plan plan, Map<Edge, String> addedEdges, Map<String, String> inserted, Map<String, Integer> waveOf,
                      int waves, int failovers, LowerBounds bounds, List<String> aboveBound, List<Diagnostic> refusal,
                      List<Wave> waveList) {
        this(plan, addedEdges, inserted, waveOf, waves, failovers, bounds, aboveBound, refusal, waveList, Map.of());
    }

    /**
     * One wave of the planned plan, for the headers a reviewer reads.
     *
     * @param number      1-based
     * @param steps       maintenance steps in it
     * @param dataCentres the data centres it takes instances down in
     * @param failovers   failovers that clear the way for its steps
     * @param idle        of its steps, those that take no declared instance down (hosts with nothing on
     *                    them, or only instances already down): they may be in any data centre
     */
    public record Wave(int number, int steps, List<String> dataCentres, int failovers, int idle) {
        /** {@code wave 2: 140 steps in dc1, 12 failovers}. */
        public String describe() {
            return "wave " + number + ": " + steps + (steps == 1 ? " step" : " steps")
                    + (dataCentres.isEmpty() ? "" : " in " + String.join(", ", dataCentres)
                            // "50 steps in fra" must not hide 20 steps on idle hosts of other data centres.
                            + (idle == 0 ? "" : " (" + idle + (idle == 1 ? " of them takes" : " of them take")
                                    + " no instance down)"))
                    + ", " + failovers + (failovers == 1 ? " failover" : " failovers");
        }

        /** The same wave with one failover more (a written failover the planner kept). */
        public Wave withOneMoreFailover() {
            return new Wave(number, steps, dataCentres, failovers + 1, idle);
        }
    }

    public static PlanResult refused(List<Diagnostic> refusal, LowerBounds bounds) {
        return new PlanResult(null, Map.of(), Map.of(), Map.of(), 0, 0, bounds, List.of(), List.copyOf(refusal), List.of());
    }

    public boolean isRefused() {
        return !refusal.isEmpty();
    }

    /** Why an edge is in the plan, or null when the user wrote it. */
    public String reasonFor(String from, String to) {
        return addedEdges.get(new Edge(from, to));
    }

    /** {@code waves 2 (lower bound 2), failovers 1 (lower bound 1)}. */
    public String summary() {
        return "waves " + waves + " (lower bound " + bounds.waves() + "), failovers " + failovers
                + " (lower bound " + bounds.failovers() + ")";
    }
}
