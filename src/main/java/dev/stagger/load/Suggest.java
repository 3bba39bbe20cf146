package dev.stagger.load;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the closest known name to a misspelt one, when it is close enough to be a typo. */
public final class Suggest {
    private static final int LISTED = 8;

    private Suggest() {
    }

    /** The closest candidate by edit distance (case-insensitive), if within a typo's reach. */
    public static Optional<String> closest(String wrong, Collection<String> candidates) {
        String w = wrong.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= reach(wrong.length()) ? Optional.of(best) : Optional.empty();
    }

    /**
     * {@code unknown host `app3`; did you mean `app2`?}, or when nothing is close, the known names
     * (a few of them) so the reader sees what is valid.
     */
    public static String unknown(String what, String wrong, Collection<String> candidates) {
        String head = "unknown " + what + " `" + wrong + "`";
        Optional<String> near = closest(wrong, candidates);
        if (near.isPresent()) {
            return head + "; did you mean `" + near.get() + "`?";
        }
        return candidates.isEmpty() ? head : head + " (known: " + list(candidates) + ")";
    }

    /** {@code a, b, c} or {@code a, b, c, ... and 12 more}. */
    public static String list(Collection<String> names) {
        List<String> all = List.copyOf(names);
        if (all.size() <= LISTED) {
            return String.join(", ", all);
        }
        return String.join(", ", all.subList(0, LISTED)) + ", ... and " + (all.size() - LISTED) + " more";
    }

    /** {@code an app}, {@code a redis}: kinds read naturally in messages. */
    static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    /** Short names tolerate one slip, longer ones up to three. */
    private static int reach(int length) {
        if (length <= 3) {
            return 1;
        }
        return length <= 8 ? 2 : 3;
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
