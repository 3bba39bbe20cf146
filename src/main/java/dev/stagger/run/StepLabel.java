package dev.stagger.run;

/** How progress names a step: {@code step 2 of 3 dc1-drives}; the number is its place in the run order. */
public record StepLabel(int number, int total, String id) {
    @Override
    public String toString() {
        return "step " + number + " of " + total + " " + id;
    }
}
