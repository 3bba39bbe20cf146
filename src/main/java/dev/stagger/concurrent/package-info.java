/**
 * Using the second core: work run beside the caller's own, whose results are read only where a
 * single thread would have computed them, so no output depends on the threads' timing.
 */
package dev.stagger.concurrent;
