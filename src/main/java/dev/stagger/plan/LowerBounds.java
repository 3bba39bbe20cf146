package dev.stagger.plan;

import java.util.List;

/**
 * What no safe plan can beat, with the reasons that set each figure.
 *
 * @param wavesWhy     why at least {@code waves} waves are needed (the binding constraint first)
 * @param failoversWhy why at least {@code failovers} failovers are needed
 */
public record LowerBounds(int waves, String wavesWhy, int failovers, String failoversWhy) {
    public List<String> explanations() {
        return List.of(wavesWhy, failoversWhy);
    }
}
