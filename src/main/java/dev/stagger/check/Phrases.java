package dev.stagger.check;

import java.util.List;

/** Small pieces of English shared by the rules' messages. */
final class Phrases {
    private static final int LIST_LIMIT = 6;

    private Phrases() {
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}; long lists end with {@code and N more}. */
    static String list(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() > LIST_LIMIT) {
            return String.join(", ", items.subList(0, LIST_LIMIT - 1)) + " and " + (items.size() - LIST_LIMIT + 1) + " more";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** {@code X takes down} for one step, {@code X and Y may overlap and together take down} for more. */
    static String takeDown(List<String> steps) {
        if (steps.size() == 1) {
            return steps.get(0) + " takes down";
        }
        return list(steps) + " may overlap and together take down";
    }

    static String plural(long n, String word) {
        return n + " " + (n == 1 ? word : word + "s");
    }
}
