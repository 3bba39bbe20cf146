package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistDocsTest {
    @Test
    void helpTextIsPassedThroughLiterallyAndPicocliMarkupIsKept() {
        String adoc = String.join("\n",
                "= stagger-x(1)",
                "== Name",
                "stagger-x - does x",
                "== Synopsis",
                "*stagger x* [*-h*]",
                "== Description",
                "Globs such as 'plans/**/*.yaml' [quoted] -- with",
                "  # stagger: allow RULE -- reason",
                "after.",
                "== Options",
                "*--dry-run*::",
                "  first line of the description",
                "+",
                "second line, no -- dash",
                "");
        assertThat(DistDocs.literalHelpText(adoc)).isEqualTo(String.join("\n",
                "= stagger-x(1)",
                "== Name",
                "stagger-x - does x",
                "== Synopsis",
                "*stagger x* [*-h*]",
                "== Description",
                "pass:c[Globs such as 'plans/**/*.yaml' [quoted\\] -- with] +",
                "{nbsp}{nbsp}{nbsp}{nbsp}pass:c[# stagger: allow RULE -- reason] +",
                "pass:c[after.]",
                "== Options",
                "*--dry-run*::",
                "  pass:c[first line of the description]",
                "  pass:c[second line, no -- dash]",
                ""));
    }
}
