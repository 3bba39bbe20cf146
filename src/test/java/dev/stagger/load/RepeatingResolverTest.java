package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/** The remembering resolver answers exactly as SnakeYAML's own, asked once or many times. */
class RepeatingResolverTest {
    private static final List<String> VALUES = List.of("", "~", "null", "Null", "yes", "No", "on", "OFF", "true",
            "false", "to", "note", "after", "maintain", "0", "7", "-3", "+12", "1_000", "0x1F", "0b101", "017",
            "190:20:30", "1.5", ".5", "1.", "1e3", "1.5e-3", ".inf", "-.Inf", ".nan", "190:20:30.15", "1.2.3",
            "10.0.0.1", "10.0.27.255", "1..2", "..", "1.2.3.4.5.6.7.8", "2024-01-01", "2024-1-1 10:00:00",
            "10.0.0.1:6379", "app00001", "redis00000-0:6379", "=", "<<", "12345678901234567", "1.2.3 ");

    @Test
    void answersAsTheStandardResolver() {
        Resolver plain = new Resolver();
        SafeYaml.RepeatingResolver repeating = new SafeYaml.RepeatingResolver();
        for (int round = 0; round < 2; round++) {
            for (String v : VALUES) {
                for (boolean implicit : new boolean[] {true, false}) {
                    assertThat(repeating.resolve(NodeId.scalar, v, implicit)).as("'%s' implicit %s", v, implicit)
                            .isEqualTo(plain.resolve(NodeId.scalar, v, implicit));
                }
            }
        }
    }

    /** Every printable ASCII first character, alone and followed by text that spells a number, null or a word. */
    @Test
    void answersAsTheStandardResolverWhateverTheFirstCharacter() {
        Resolver plain = new Resolver();
        SafeYaml.RepeatingResolver repeating = new SafeYaml.RepeatingResolver();
        for (char c = ' '; c < 0x7F; c++) {
            for (String rest : List.of("", "x", "ull", "0", "1.5", ".inf", " ", "2024-01-01", "dc1-h00000:6379",
                    "-h00000.example.com")) {
                String v = c + rest;
                assertThat(repeating.resolve(NodeId.scalar, v, true)).as("'%s'", v)
                        .isEqualTo(plain.resolve(NodeId.scalar, v, true));
            }
        }
    }
}
