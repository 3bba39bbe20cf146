package dev.stagger.live;

import dev.stagger.model.Instance;

/**
 * One app instance's health check: an http(s) URL answering 2xx, or a tcp port accepting a connection.
 *
 * @param target the URL or {@code tcp://address:port} checked (no credentials ever appear in it)
 * @param reason why it is not healthy, or null
 */
public record AppProbe(Instance instance, String target, boolean healthy, String reason) {
}
