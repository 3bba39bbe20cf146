package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Suggest, ByteSizes, Glob and SafeYaml's limits, each on its own. */
class SmallPartsTest {

    @Test
    void suggestsOnlyWhatIsCloseCaseInsensitively() {
        List<String> keys = List.of("min_healthy", "health", "instances", "kind");
        assertThat(Suggest.closest("min_helthy", keys)).contains("min_healthy");
        assertThat(Suggest.closest("MIN_HEALTHY", keys)).contains("min_healthy");
        assertThat(Suggest.closest("kin", keys)).contains("kind");
        assertThat(Suggest.closest("colour", keys)).isEmpty();
        assertThat(Suggest.closest("x", List.of())).isEmpty();
        assertThat(Suggest.unknown("host", "zz", List.of("a1", "b2"))).isEqualTo("unknown host `zz` (known: a1, b2)");
        assertThat(Suggest.list(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10")))
                .isEqualTo("1, 2, 3, 4, 5, 6, 7, 8, ... and 2 more");
        assertThat(Suggest.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void byteSizesWithAndWithoutUnits() {
        assertThat(ByteSizes.parse("1048576")).contains(1048576L);
        assertThat(ByteSizes.parse("512KiB")).contains(512L * 1024);
        assertThat(ByteSizes.parse("1MB")).contains(1_000_000L);
        assertThat(ByteSizes.parse("3 GiB")).contains(3L << 30);
        assertThat(ByteSizes.parse("-1")).isEmpty();
        assertThat(ByteSizes.parse("1.5MiB")).isEmpty();
        assertThat(ByteSizes.parse("2TiB")).isEmpty();
        assertThat(ByteSizes.parse("999999999999GiB")).isEmpty();
        assertThat(ByteSizes.parse("1mib")).isEmpty();
    }

    @Test
    void globsMatchWholeHostNames() {
        assertThat(Glob.compile("app*").orElseThrow().matcher("app12").matches()).isTrue();
        assertThat(Glob.compile("app*").orElseThrow().matcher("xapp1").matches()).isFalse();
        assertThat(Glob.compile("a.p?").orElseThrow().matcher("a.p1").matches()).isTrue();
        assertThat(Glob.compile("a.p?").orElseThrow().matcher("axp1").matches()).as("dot is literal").isFalse();
        assertThat(Glob.compile("r[1-3]").orElseThrow().matcher("r2").matches()).isTrue();
        assertThat(Glob.compile("r[^1-3]").orElseThrow().matcher("r2").matches()).isFalse();
        assertThat(Glob.compile("r[1")).isEmpty();
        assertThat(Glob.compile("r[9-1]")).isEmpty();
        assertThat(Glob.isGlob("app1")).isFalse();
    }

    private static List<Diagnostic> compose(String text) {
        Diagnostics d = new Diagnostics("f.yaml");
        Optional<?> node = SafeYaml.compose(text, d);
        assertThat(node.isPresent() || d.hasErrors()).isTrue();
        return d.list();
    }

    @Test
    void hostileYamlEndsInOneLocatedError() {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            deep.append("[");
        }
        assertThat(compose(deep.toString())).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("Nesting Depth exceeded"));
        assertThat(compose("a: " + "x".repeat(SafeYaml.MAX_CODE_POINTS))).singleElement()
                .satisfies(d -> assertThat(d.message()).startsWith("file is larger than 64 MiB"));
        assertThat(compose("a: &a [x, *a]\n")).isEmpty(); // recursive, but never expanded
        assertThat(compose("? [a]\n: b\n")).isEmpty(); // complex keys are the readers' problem
        assertThat(compose("a: !!binary aGk=\nb: !!set {x}\n")).extracting(Diagnostic::render).containsExactly(
                "f.yaml:1:4: error: tags are not allowed: `!!binary`",
                "f.yaml:2:4: error: tags are not allowed: `!!set`");
        assertThat(compose("\uFEFFa: 1\n")).isEmpty();
    }

    @Test
    void diagnosticsAreCappedAndDeduplicated() {
        Diagnostics d = new Diagnostics("f");
        for (int i = 0; i < 500; i++) {
            d.error(new dev.stagger.model.Position("f", i + 1, 1), "bad");
            d.error(new dev.stagger.model.Position("f", 1, 1), "bad");
        }
        assertThat(d.list()).hasSize(Diagnostics.MAX + 1);
        assertThat(d.list().get(Diagnostics.MAX).message()).contains("too many errors");
    }
}
