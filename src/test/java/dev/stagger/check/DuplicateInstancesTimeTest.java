package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plans where unordered steps take the same instances down make the heaviest moment count
 * instances twice, and the distinct-instance search ({@link DistinctCover}) runs: it once took 8 s on a
 * 300-step plan (CheckerBench measures it now). Such plans are refused (overlap) whatever it concludes.
 */
class DuplicateInstancesTimeTest {

    @ParameterizedTest
    @ValueSource(ints = {5, 101, 141, 165, 181, 197})
    void aLargePlanFullOfRepeatedHostsIsCheckedQuickly(int allowedDown) {
        for (int seed = 0; seed < 3; seed++) {
            Random r = new Random(seed);
            int hosts = 300;
            Fixture f = Fixture.graph();
            String[] names = new String[hosts];
            for (int h = 0; h < hosts; h++) {
                f.host("h" + h, "dc" + (h % 3));
                names[h] = "h" + h;
            }
            f.app("pool", hosts - allowedDown, names);
            for (int i = 0; i < 300; i++) {
                List<String> after = new ArrayList<>();
                if (i > 0 && r.nextBoolean()) {
                    after.add("s" + r.nextInt(i));
                    after.add("s" + r.nextInt(i));
                }
                f.maintain("s" + i, "h" + r.nextInt(hosts), after.stream().distinct().toArray(String[]::new));
            }
            // Its speed is measured by CheckerBench; a unit test asserting time fails on a loaded machine.
            assertThat(f.errors()).contains("overlap");
        }
    }
}
