package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.live.redis.ClientConfigs;
import dev.stagger.live.redis.Credentials;
import dev.stagger.model.Auth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one credentials reader: env or file, read when asked, and never a password in a message. */
class CredentialsTest {
    private static final String SECRET = "s3cr3t value";

    @Test
    void noAuthMeansNoPassword() {
        assertThat(Credentials.password(Auth.NONE, k -> SECRET)).isNull();
        assertThat(Credentials.password(null, k -> SECRET)).isNull();
    }

    @Test
    void readsTheNamedVariable() {
        Auth auth = new Auth(null, "REDIS_PW", null, false);
        assertThat(Credentials.password(auth, Map.of("REDIS_PW", SECRET)::get)).isEqualTo(SECRET);
        assertThatThrownBy(() -> Credentials.password(auth, k -> null))
                .isInstanceOf(Credentials.Unavailable.class).hasMessage("password_env REDIS_PW is not set");
        assertThatThrownBy(() -> Credentials.password(auth, k -> ""))
                .hasMessage("password_env REDIS_PW is not set");
    }

    @Test
    void readsTheFileAtEachCallWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Auth auth = new Auth("ops", null, file, false);
        assertThatThrownBy(() -> Credentials.password(auth, k -> null))
                .hasMessageStartingWith("cannot read password_file " + file).hasMessageNotContaining(SECRET);
        Files.writeString(file, SECRET + "\n");
        assertThat(Credentials.password(auth, k -> null)).isEqualTo(SECRET);
        Files.writeString(file, "rotated\r\n");
        assertThat(Credentials.password(auth, k -> null)).isEqualTo("rotated");
        Files.writeString(file, "\n");
        assertThatThrownBy(() -> Credentials.password(auth, k -> null)).hasMessage("password_file " + file + " is empty");
    }

    @Test
    void theClientConfigCarriesThePasswordButMessagesNeverDo() {
        Auth auth = new Auth("ops", "REDIS_PW", null, false);
        var cfg = ClientConfigs.of(auth, Map.of("REDIS_PW", SECRET)::get, java.time.Duration.ofMillis(300),
                java.time.Duration.ofMillis(400), "stagger-test");
        assertThat(cfg.getPassword()).isEqualTo(SECRET);
        assertThat(cfg.getUser()).isEqualTo("ops");
        assertThat(cfg.getConnectionTimeoutMillis()).isEqualTo(300);
        assertThat(cfg.getSocketTimeoutMillis()).isEqualTo(400);
        assertThat(cfg.getClientName()).isEqualTo("stagger-test");
        assertThat(cfg.isSsl()).isFalse();
        assertThat(ClientConfigs.of(new Auth(null, null, null, true), k -> null, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1), null).isSsl()).isTrue();
    }
}
