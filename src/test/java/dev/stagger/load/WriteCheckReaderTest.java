package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stagger.model.AppService;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.StaggerException;
import dev.stagger.model.WriteCheck;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An app's {@code write_check}: a URL like {@code health}, or an argument list; every mistake is exit 2 at its place. */
class WriteCheckReaderTest {
    private static final String HOSTS = """
            cluster: c
            hosts:
              h1: { dc: dc1 }
              h2: { dc: dc2 }
            services:
              api:
                kind: app
            """;

    private static AppService api(String fields) {
        return (AppService) InventoryLoader.parse(HOSTS + fields, "inv.yaml").services().get("api");
    }

    private static List<String> errors(String fields) {
        StaggerException e = catchThrowableOfType(StaggerException.class,
                () -> InventoryLoader.parse(HOSTS + fields, "inv.yaml"));
        assertThat(e).as("expected the inventory to be refused").isNotNull();
        assertThat(e.exitCode()).isEqualTo(2);
        return e.diagnostics().stream().map(Diagnostic::render).toList();
    }

    @Test
    void aUrlWithTheHealthPlaceholdersIsRead() {
        AppService a = api("""
                    instances: [h1:8080, h2:8080]
                    write_check: http://{address}:{port}/write-check?host={host}
                """);
        assertThat(a.writeCheck()).isEqualTo(new WriteCheck.Http("http://{address}:{port}/write-check?host={host}"));
    }

    @Test
    void aCommandIsReadAsItsArguments() {
        AppService a = api("""
                    instances: [h1:8080, h2:8080]
                    write_check: [/usr/local/bin/check-write, --service, "{service}", "{host}:{port}"]
                """);
        assertThat(a.writeCheck()).isEqualTo(new WriteCheck.Command(
                List.of("/usr/local/bin/check-write", "--service", "{service}", "{host}:{port}")));
    }

    @Test
    void noWriteCheckIsNull() {
        assertThat(api("    instances: [h1, h2]\n").writeCheck()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://{adress}:8080/w | inv.yaml:9:18 | unknown placeholder `{adress}` in `write_check`; did you mean `{address}`?",
        "http://{address:8080/w | inv.yaml:9:18 | unmatched `{` or `}`",
        "http://{address}:80:80:x/w | inv.yaml:9:18 | is not a URL once its placeholders are filled",
        "tcp://{address}:8080 | inv.yaml:9:18 | must be an http:// or https:// URL",
        "check-write {host} | inv.yaml:9:18 | write [\"check-write\", \"{host}\"]",
        "http://{address}:{port}/w | inv.yaml:9:18 | uses {port} but instance `h1` has no port",
    })
    void aBadUrlIsAnErrorAtItsValue(String url, String at, String message) {
        List<String> errors = errors("""
                    instances: [h1, h2]
                    write_check: "%s"
                """.formatted(url.replace("\"", "\\\"")));
        assertThat(errors).singleElement().asString().contains(at).contains(message);
    }

    @Test
    void aBadCommandIsAnErrorAtTheArgument() {
        assertThat(errors("""
                    instances: [h1, h2]
                    write_check: []
                """)).singleElement().asString().contains("inv.yaml:9:18").contains("empty command");
        assertThat(errors("""
                    instances: [h1, h2]
                    write_check: [check-write, "{hots}"]
                """)).singleElement().asString().contains("inv.yaml:9:32")
                .contains("unknown placeholder `{hots}`").contains("did you mean `{host}`?");
        assertThat(errors("""
                    instances: [h1, h2]
                    write_check: [check-write, "{host"]
                """)).singleElement().asString().contains("inv.yaml:9:32").contains("unmatched `{`");
        assertThat(errors("""
                    instances: [h1, h2]
                    write_check: [check-write, [nested]]
                """)).singleElement().asString().contains("expected an argument (a string), got a list");
        assertThat(errors("""
                    instances: [h1, h2]
                    write_check: [check-write, "{port}"]
                """)).singleElement().asString().contains("uses {port} but instance `h1` has no port");
    }

    @Test
    void aPasswordInABadUrlIsNotEchoed() {
        List<String> errors = errors("""
                    instances: [h1, h2]
                    write_check: "http://ops:s3cret@{address}:80:80:x/w"
                """);
        assertThat(errors).singleElement().asString().contains("http://ops:***@").doesNotContain("s3cret");
    }

    @Test
    void aMisspelledKeyGetsADidYouMean() {
        assertThat(errors("""
                    instances: [h1, h2]
                    write_chek: http://{address}/w
                """)).singleElement().asString().contains("did you mean `write_check`");
    }

    @Test
    void onlyAppsTakeAWriteCheck() {
        StaggerException e = catchThrowableOfType(StaggerException.class, () -> InventoryLoader.parse("""
                cluster: c
                hosts:
                  h1: { dc: dc1 }
                services:
                  cache:
                    kind: redis
                    instances: [h1:6379]
                    write_check: http://{address}/w
                """, "inv.yaml"));
        assertThat(e.diagnostics()).singleElement().extracting(Diagnostic::render).asString()
                .contains("`write_check` does not apply to a redis service (only to app)");
    }
}
