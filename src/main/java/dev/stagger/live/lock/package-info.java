/**
 * The run lock kept in the cluster's own Redis: one key in one group, found on that group's live
 * master (sentinels, ROLE or CLUSTER NODES), so every run of the cluster sees it from any machine and
 * any directory, and stagger's own failovers carry it along with the data they replicate.
 */
package dev.stagger.live.lock;
