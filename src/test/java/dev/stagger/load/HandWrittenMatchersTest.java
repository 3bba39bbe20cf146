package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written checks that replaced regexes on the load path accept exactly what the regexes do. */
class HandWrittenMatchersTest {
    private static final List<String> OCTETS = List.of("0", "00", "01", "1", "9", "10", "99", "100", "199", "200",
            "249", "250", "255", "256", "260", "299", "300", "999", "1000", "0255", "", "a", " ", "-1", "+1", "\u0661");

    static Stream<Arguments> addresses() {
        Gen<String> address = Gen.of(OCTETS).list(1, 6).map(parts -> String.join(".", parts));
        Gen<String> withEdges = r -> {
            String a = address.next(r);
            return switch (r.nextInt(6)) {
                case 0 -> a + ".";
                case 1 -> "." + a;
                case 2 -> a.replace('.', ':');
                default -> a;
            };
        };
        return Samples.of("addresses", 300, withEdges);
    }

    @Property
    @MethodSource("addresses")
    void ipv4AsTheRegex(String address) {
        assertThat(HostAddress.isIpv4(address)).as(Samples.show(address))
                .isEqualTo(HostAddress.IPV4.matcher(address).matches());
    }

    static Stream<Arguments> names() {
        return Samples.of("names", 300, Gen.joined(List.of("a", "Z", "0", "9", ".", "_", "-", " ", ":", "@", "*",
                "é", "\u0661", "/", "\t", "A1", "dc1-h00001"), 0, 5));
    }

    @Property
    @MethodSource("names")
    void namesAsTheRegex(String name) {
        assertThat(Names.isValid(name)).as(Samples.show(name)).isEqualTo(Names.NAME.matcher(name).matches());
    }
}
