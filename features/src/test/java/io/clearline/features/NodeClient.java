package io.clearline.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The node's public HTTP interface as a bank system, the operator or the regulator uses it. */
@Component
public class NodeClient {
    static final String DEMO_PASSWORD = "demo";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private final Environment environment;

    public NodeClient(Environment environment) {
        this.environment = environment;
    }

    public HttpResponse<String> get(String user, String path) {
        return send(user, HttpRequest.newBuilder(uri(path)).GET());
    }

    public JsonNode getJson(String user, String path) {
        HttpResponse<String> response = get(user, path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return json.readTree(response.body());
        } catch (IOException notJson) {
            throw new AssertionError("GET " + path + " did not answer JSON: " + response.body(), notJson);
        }
    }

    public JsonNode json(String body) {
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            throw new AssertionError("not JSON: " + body, notJson);
        }
    }

    public HttpResponse<String> postXml(String user, String path, String xml) {
        return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> postJson(String user, String path, String json) {
        return sendJson(user, "POST", path, json);
    }

    public HttpResponse<String> putJson(String user, String path, String json) {
        return sendJson(user, "PUT", path, json);
    }

    private HttpResponse<String> sendJson(String user, String method, String path, String json) {
        return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public HttpResponse<String> delete(String user, String path) {
        return send(user, HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private URI uri(String path) {
        // Read per request: the port is known only once the node's web server has started.
        return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + path);
    }

    private HttpResponse<String> send(String user, HttpRequest.Builder request) {
        String credentials = Base64.getEncoder().encodeToString(
                (user + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(request.timeout(REQUEST_TIMEOUT).header("Authorization", "Basic " + credentials).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new AssertionError("the node did not answer: " + failure.getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }
}
