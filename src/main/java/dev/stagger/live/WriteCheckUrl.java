package dev.stagger.live;

import dev.stagger.model.Endpoint;
import dev.stagger.model.WriteCheck;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * An app's HTTP {@code write_check}: the URL, its placeholders filled like {@code health}'s, must
 * answer 2xx within the health probes' timeouts. The body is never read. Credentials in the URL
 * ({@code user:pass@}) go out as HTTP Basic authorization and never into a message.
 */
public final class WriteCheckUrl {
    private final ProbeSettings settings;

    public WriteCheckUrl(ProbeSettings settings) {
        this.settings = settings;
    }

    /** Empty when the URL answered 2xx; else what it answered (HTTP status, refused, timed out). */
    public Optional<String> whyFailed(String template, Endpoint endpoint, String address) {
        String url;
        try {
            url = HealthUrl.expand(template, endpoint, address);
        } catch (IllegalArgumentException e) {
            return Optional.of("cannot be filled in: " + WriteCheck.Http.masked(e.getMessage()));
        }
        try {
            URI full = new URI(url);
            HttpRequest.Builder req = HttpRequest.newBuilder(withoutUserInfo(full)).timeout(settings.readTimeout()).GET();
            if (full.getRawUserInfo() != null) {
                String user = URLDecoder.decode(full.getRawUserInfo(), StandardCharsets.UTF_8);
                req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<java.io.InputStream> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            resp.body().close();
            int code = resp.statusCode();
            return code >= 200 && code < 300 ? Optional.empty()
                    : Optional.of("`" + WriteCheck.Http.masked(url) + "` answered HTTP " + code);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.of("`" + WriteCheck.Http.masked(url) + "` is not a URL");
        } catch (IOException e) {
            return Optional.of("`" + WriteCheck.Http.masked(url) + "`: " + WriteCheck.Http.masked(LiveProber.describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static URI withoutUserInfo(URI uri) throws URISyntaxException {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        String s = uri.toString();
        return new URI(s.substring(0, s.indexOf("//") + 2) + s.substring(s.indexOf('@') + 1));
    }
}
