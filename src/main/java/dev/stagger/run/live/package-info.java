/**
 * The run engine's live parts: the safety gate, failovers and instance probes of {@code stagger run},
 * built on the live package's public probes, checker and failovers. It knows no Redis client: every
 * command to the cluster goes through {@code dev.stagger.live}.
 */
package dev.stagger.run.live;
