package dev.stagger.run;

import dev.stagger.model.Instance;
import java.util.Optional;

/**
 * Reads one instance's state. A probe that fails or times out must answer "not ready"; the same
 * failure reads as "down" (stopped answering), which is what the executor waits for after a takedown.
 */
public interface InstanceProbe {
    /** True when the instance no longer answers. */
    boolean isDown(Instance instance);

    /**
     * True when the instance is healthy right now: Redis answers PING with {@code loading:0} and, for
     * a replica, its link up and no sync in progress; an app's health URL answers 2xx. The executor
     * requires this continuously for {@code min_ready}.
     */
    boolean isReady(Instance instance);

    /**
     * Why the instance is not healthy now, as the operator should read it (an app: {@code answered
     * HTTP 503}, {@code connection refused}, {@code timed out}); empty when it is healthy. Probes
     * that cannot say why answer "not ready".
     */
    default Optional<String> whyUnhealthy(Instance instance) {
        return isReady(instance) ? Optional.empty() : Optional.of("not ready");
    }

    /**
     * Runs the instance's app service's {@code write_check} (an HTTP URL answering 2xx, or a command
     * exiting 0): empty when the app proved it can write; else what the check answered ({@code
     * answered HTTP 500}, {@code exited 1: READONLY ...}, {@code timed out}). Only asked for apps that
     * declare one. A probe that cannot run write checks says so: an unknown answer is a failure.
     */
    default Optional<String> whyCannotWrite(Instance instance) {
        return Optional.of("its write_check could not be run by this probe");
    }
}
