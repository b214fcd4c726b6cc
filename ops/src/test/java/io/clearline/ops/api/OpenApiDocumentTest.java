package io.clearline.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearline.ops.DemoNodeTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The treasury API's OpenAPI document describes the paths the node really serves, the Camel ISO 20022
 * channel included, and is shown only to signed-in users.
 */
class OpenApiDocumentTest extends DemoNodeTest {
    private static final String OPERATOR = "operator";
    private static final String REGULATOR = "regulator";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void documentListsTheRealPathsOfTheTreasuryApi() throws Exception {
        HttpResponse<String> response = get(ALPHA, "/v3/api-docs");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode paths = json.readTree(response.body()).path("paths");

        assertThat(fieldNames(paths)).contains(
                "/api/positions/{bic}",
                "/api/payments/{uetr}",
                "/api/payments/{uetr}/hold",
                "/api/payments/{uetr}/release",
                "/api/payments/{uetr}/cancel",
                "/api/queues/{bic}",
                "/api/participants/{bic}/limits/bilateral/{counterparty}",
                "/api/participants/{bic}/limits/multilateral",
                "/api/participants",
                "/api/participants/{bic}/liquidity",
                "/api/iso20022/messages",
                "/api/iso20022/outbox/{bic}");
        assertThat(paths.path("/api/participants").has("post")).isTrue();
        // The workspace's pages are for browsers, not part of the API contract.
        assertThat(fieldNames(paths)).allMatch(path -> path.startsWith("/api/"));
    }

    @Test
    void documentDescribesTheIso20022ChannelThatSpringMvcDoesNotSee() throws Exception {
        JsonNode document = json.readTree(get(ALPHA, "/v3/api-docs").body());
        JsonNode submit = document.path("paths").path("/api/iso20022/messages").path("post");

        assertThat(fieldNames(submit.path("requestBody").path("content"))).containsExactly("application/xml");
        JsonNode responses = submit.path("responses");
        assertThat(fieldNames(responses)).contains("202", "400", "413", "415");
        for (String refusal : List.of("400", "413", "415")) {
            assertThat(fieldNames(responses.path(refusal).path("content"))).as(refusal)
                    .containsExactly(PROBLEM);
        }
        // Every reference in the document resolves: the refusals' schema is really there.
        assertThat(document.path("components").path("schemas").path("Problem").path("properties").has("reasonCode"))
                .isTrue();
        assertThat(fieldNames(document.path("paths").path("/api/iso20022/outbox/{bic}"))).containsExactly("get");
    }

    @Test
    void documentDeclaresHttpBasicForEveryOperation() throws Exception {
        JsonNode document = json.readTree(get(OPERATOR, "/v3/api-docs").body());

        JsonNode basic = document.path("components").path("securitySchemes").path("basic");
        assertThat(basic.path("type").asText()).isEqualTo("http");
        assertThat(basic.path("scheme").asText()).isEqualTo("basic");
        assertThat(document.path("security").toString()).contains("\"basic\"");
        assertThat(document.path("info").path("title").asText()).isEqualTo("Clearline treasury API");
    }

    @Test
    void anonymousCallersGetNeitherTheDocumentNorSwaggerUi() throws Exception {
        for (String path : List.of("/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui/index.html")) {
            HttpResponse<String> response = get(null, path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
        }
    }

    @Test
    void signedInUsersOpenSwaggerUi() throws Exception {
        HttpResponse<String> page = get(REGULATOR, "/swagger-ui/index.html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
