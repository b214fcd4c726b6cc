package io.clearline.ops.network;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearline.flows.network.MembershipSource;
import io.clearline.flows.network.SignedMembershipList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches the membership list from the central bank's node ({@code GET /api/network/membership}) with
 * a signed-in user's credentials. Reads at most {@link #RESPONSE_BYTES_MAX}; anything but a list (a
 * 404 while none is published) or an unreadable answer is a failure for the follower to back off from.
 */
public final class HttpMembershipSource implements MembershipSource {
    /** Far above a list of {@code MembershipList.MEMBERS_MAX} members in base64; a larger answer is no list. */
    public static final int RESPONSE_BYTES_MAX = 16 * 1024 * 1024;

    private final HttpClient http;
    private final URI uri;
    private final String authorization;
    private final Duration timeout;
    private final ObjectMapper json;

    public HttpMembershipSource(URI uri, String username, String password, Duration timeout, ObjectMapper json) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.json = Objects.requireNonNull(json, "json");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Optional<SignedMembershipList> latest() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", authorization)
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(RESPONSE_BYTES_MAX + 1);
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("membership source " + uri + " answered " + response.statusCode());
                }
                if (bytes.length > RESPONSE_BYTES_MAX) {
                    throw new IllegalStateException("membership source " + uri + " answered more than "
                            + RESPONSE_BYTES_MAX + " bytes");
                }
                return Optional.of(json.readValue(bytes, MembershipDocument.class).signed());
            }
        } catch (JacksonException | IllegalArgumentException unreadable) {
            throw new IllegalStateException("membership source " + uri + " answered no membership document: "
                    + unreadable.getMessage(), unreadable);
        } catch (IOException unreachable) {
            throw new UncheckedIOException("membership source " + uri + " unreachable", unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + uri, interrupted);
        }
    }
}
