package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stagger.model.AppService;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.StaggerException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inventory errors found by the red-team scenarios: {@code requires} cycles and tcp:// without a port. */
class InventoryGapsTest {
    private static final String HOSTS = """
            cluster: c
            hosts:
              h1: { dc: dc1 }
              h2: { dc: dc2 }
            services:
            """;

    private static List<String> errors(String services) {
        StaggerException e = catchThrowableOfType(StaggerException.class,
                () -> InventoryLoader.parse(HOSTS + services, "inv.yaml"));
        assertThat(e).as("expected the inventory to be refused").isNotNull();
        assertThat(e.exitCode()).isEqualTo(2);
        return e.diagnostics().stream().map(Diagnostic::render).toList();
    }

    @Test
    void servicesThatRequireEachOtherInACycleAreRefusedNamingTheCycleOnce() {
        List<String> errors = errors("""
                  api:
                    kind: app
                    instances: [h1, h2]
                    requires: [auth]
                  auth:
                    kind: app
                    instances: [h1:9000, h2:9000]
                    requires: [billing]
                  billing:
                    kind: app
                    instances: [h1:9100, h2:9100]
                    requires: [api]
                """);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("inv.yaml:9:16").contains("api -> auth -> billing -> api")
                .contains("`auth` from api");
    }

    @Test
    void aCycleOfTwoReachedFromAnotherServiceIsStillReportedOnce() {
        List<String> errors = errors("""
                  front:
                    kind: app
                    instances: [h1:80]
                    requires: [cache]
                  cache:
                    kind: app
                    instances: [h1:6379]
                    requires: [queue]
                  queue:
                    kind: app
                    instances: [h2:6379]
                    requires: [cache]
                """);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("cache -> queue -> cache").doesNotContain("front ->");
    }

    @Test
    void requiresWithoutACycleIsAccepted() {
        var inv = InventoryLoader.parse(HOSTS + """
                  api:
                    kind: app
                    instances: [h1, h2]
                    requires: [auth, billing]
                  auth:
                    kind: app
                    instances: [h1:9000]
                    requires: [billing]
                  billing:
                    kind: app
                    instances: [h2:9100]
                """, "inv.yaml");
        assertThat(inv.services()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://{address}", "tcp://{address}:", "tcp://{host}/", "tcp://{address}:0",
            "tcp://{address}:65536", "tcp://{address}:http"})
    void aTcpHealthCheckWithoutAValidPortIsAnError(String url) {
        List<String> errors = errors("""
                  api:
                    kind: app
                    instances: [h1, h2]
                    health: "%s"
                """.formatted(url));
        assertThat(errors).singleElement().asString().contains("inv.yaml:9:13").contains("tcp:// health check needs a port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://{address}:8080", "tcp://{host}:1", "tcp://10.0.0.1:65535", "tcp://[::1]:6379"})
    void aTcpHealthCheckWithAPortIsAccepted(String url) {
        var inv = InventoryLoader.parse(HOSTS + """
                  api:
                    kind: app
                    instances: [h1, h2]
                    health: "%s"
                """.formatted(url), "inv.yaml");
        assertThat(((AppService) inv.services().get("api")).health()).isEqualTo(url);
    }

    @Test
    void aTcpHealthCheckOnThePortPlaceholderNeedsInstancesWithPorts() {
        var inv = InventoryLoader.parse(HOSTS + """
                  api:
                    kind: app
                    instances: [h1:9000, h2:9000]
                    health: tcp://{address}:{port}
                """, "inv.yaml");
        assertThat(inv.services()).containsKey("api");
    }
}
