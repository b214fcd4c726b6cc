package io.clearline.ops.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.Eventually;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's session in the workspace over plain HTTP, as a browser keeps it: signed in through the
 * form with its CSRF token, a session cookie, and the CSRF header that the page's script sends with
 * every action. Redirects are not followed, so a test sees them.
 */
final class WorkspaceSession {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_HEADER_META = Pattern.compile("name=\"csrf-header\" content=\"([^\"]+)\"");

    private final HttpClient client;
    private final String baseUrl;

    private WorkspaceSession(HttpClient client, String baseUrl) {
        this.client = client;
        this.baseUrl = baseUrl;
    }

    /** A session without a user: the sign-in page's CSRF token only. */
    static WorkspaceSession anonymous(String baseUrl) {
        return new WorkspaceSession(HttpClient.newBuilder().cookieHandler(new CookieManager()).build(), baseUrl);
    }

    static WorkspaceSession signIn(String baseUrl, String user) throws IOException, InterruptedException {
        WorkspaceSession session = anonymous(baseUrl);
        Matcher token = CSRF_FIELD.matcher(session.get("/login").body());
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        HttpResponse<String> signedIn = session.postForm("/login", "username=" + user + "&password=demo&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .doesNotContain("error"));
        return session;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET()
                // An event stream answers 200 and stays open; only its status matters to the tests.
                .timeout(Eventually.WAIT_MAX).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return post(HttpRequest.newBuilder(URI.create(baseUrl + path)), form);
    }

    /**
     * An htmx action as the page posts it: the form, and the session's CSRF token in the header named
     * by the page that {@code pagePath} opens.
     */
    HttpResponse<String> act(String pagePath, String path, String form) throws IOException, InterruptedException {
        String page = get(pagePath).body();
        Matcher header = CSRF_HEADER_META.matcher(page);
        Matcher token = CSRF_META.matcher(page);
        assertThat(header.find() && token.find()).as("the page carries its CSRF token for htmx").isTrue();
        return post(HttpRequest.newBuilder(URI.create(baseUrl + path)).header(header.group(1), token.group(1))
                .header("HX-Request", "true"), form);
    }

    private HttpResponse<String> post(HttpRequest.Builder request, String form)
            throws IOException, InterruptedException {
        return client.send(request.header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).timeout(Eventually.WAIT_MAX)
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
