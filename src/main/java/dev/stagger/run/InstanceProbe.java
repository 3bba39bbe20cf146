package dev.stagger.run;

import dev.stagger.model.Instance;

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
}
