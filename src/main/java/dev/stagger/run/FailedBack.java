package dev.stagger.run;

import dev.stagger.model.Endpoint;
import java.util.List;

/**
 * A failover whose new master refused writes, after which the move was undone (or the attempt to
 * undo it failed). The step failed (exit 3) either way; the journal records the fail-back so that a
 * resumed run starts the step afresh, through its gate, instead of taking it for half-done.
 *
 * @see dev.stagger.run.Events#FAILED_BACK
 */
public final class FailedBack extends RunFailure {
    private final Endpoint refusing;
    private final Endpoint oldMaster;
    private final boolean verified;
    private final String refusal;
    private final List<String> actions;

    /**
     * @param refusing  the promoted target that refused the verification write
     * @param oldMaster the master the fail-back went back to
     * @param verified  true when the old master is the verified master again
     * @param refusal   what the refusing master answered to the write
     * @param actions   what the fail-back did to the cluster, in order
     */
    public FailedBack(String step, String phase, String message, Endpoint refusing, Endpoint oldMaster, boolean verified,
                      String refusal, List<String> actions, Throwable cause) {
        super(step, phase, message, cause);
        this.refusing = refusing;
        this.oldMaster = oldMaster;
        this.verified = verified;
        this.refusal = refusal;
        this.actions = List.copyOf(actions);
    }

    public Endpoint refusing() {
        return refusing;
    }

    public Endpoint oldMaster() {
        return oldMaster;
    }

    public boolean verified() {
        return verified;
    }

    public String refusal() {
        return refusal;
    }

    public List<String> actions() {
        return actions;
    }
}
