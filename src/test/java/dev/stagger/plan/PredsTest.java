package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Preds} answers as the insertion-ordered map it replaced, small and past its indexed size. */
class PredsTest {
    @Test
    void answersAsALinkedHashMapUnderRandomEdits() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            // Keys from a range a little wider than the sizes reached, so puts replace and removes hit.
            int range = 1 + random.nextInt(seed % 3 == 0 ? 80 : 12);
            Preds preds = new Preds();
            Map<Integer, String> reference = new LinkedHashMap<>();
            for (int op = 0; op < 200; op++) {
                int node = random.nextInt(range);
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        String why = random.nextInt(3) == 0 ? null : "why " + op;
                        preds.put(node, why);
                        reference.put(node, why);
                    }
                    case 2 -> {
                        preds.remove(node);
                        reference.remove(node);
                    }
                    default -> {
                        assertThat(preds.contains(node)).as("seed %d op %d", seed, op).isEqualTo(reference.containsKey(node));
                        assertThat(preds.get(node)).as("seed %d op %d", seed, op).isEqualTo(reference.get(node));
                    }
                }
                assertThat(entries(preds)).as("seed %d op %d", seed, op).isEqualTo(entries(reference));
            }
        }
    }

    private static List<String> entries(Preds preds) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < preds.size(); k++) {
            out.add(preds.at(k) + "=" + preds.reason(k));
        }
        assertThat(preds.toArray()).hasSize(preds.size());
        return out;
    }

    private static List<String> entries(Map<Integer, String> map) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
