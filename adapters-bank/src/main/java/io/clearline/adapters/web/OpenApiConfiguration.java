package io.clearline.adapters.web;

import io.clearline.adapters.channel.HttpChannelRoutes;
import io.clearline.adapters.outbound.OutboxStore;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.math.BigDecimal;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the treasury API, served at {@code /v3/api-docs} with Swagger UI at
 * {@code /swagger-ui/index.html}, both for signed-in users only. springdoc finds the Spring MVC
 * controllers by itself; the ISO 20022 HTTP channel is Camel's servlet, which springdoc cannot see,
 * so its two paths are written out here by hand and must follow {@link HttpChannelRoutes} when it
 * changes.
 */
@Configuration
public class OpenApiConfiguration {
    /** The name the document gives HTTP basic; every operation requires it. */
    public static final String BASIC_SCHEME = "basic";
    /**
     * The version of the API contract, not of the build: it changes when a path, a field or a status
     * changes meaning.
     */
    static final String API_VERSION = "0.1";

    private static final String XML = "application/xml";
    private static final String JSON = "application/json";
    private static final String PROBLEM_SCHEMA = "Problem";
    private static final String CHANNEL_TAG = "ISO 20022 channel";

    @Bean
    OpenAPI treasuryApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Clearline treasury API")
                        .version(API_VERSION)
                        .description("""
                                Settle-on-transaction clearing and settlement: each payment settles the moment \
                                it arrives, on a shared ledger of tokenised central-bank money. Banks submit \
                                ISO 20022 messages and read their answers; treasury users watch positions, \
                                steer the payment queue and set limits; the operator admits participants and \
                                pledges liquidity; the regulator reads everything. A bank sees and moves only \
                                its own money. Amounts are decimal strings in the currency's scale, never \
                                floats. Refusals are application/problem+json (RFC 9457), with the ISO 20022 \
                                reason code where one applies."""))
                .components(new Components()
                        .addSecuritySchemes(BASIC_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description("""
                                        HTTP basic on every path. A bank's system signs in with its BIC as the \
                                        user name and acts only for that bank; the operator and the regulator \
                                        sign in with their own users and see every bank.""")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC_SCHEME));
    }

    /**
     * Adds the Camel servlet's paths, which no controller declares, to the document springdoc builds,
     * and the 401 that every path answers without credentials. The problem schema is added here, not on
     * the {@link OpenAPI} bean: springdoc replaces that bean's schemas with the ones it generates.
     */
    @Bean
    OpenApiCustomizer iso20022ChannelPaths() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                openApi.setPaths(new Paths());
            }
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                if (operation.getResponses() != null && !operation.getResponses().containsKey("401")) {
                    operation.getResponses().addApiResponse("401", problem("No or wrong credentials"));
                }
            }));
            openApi.getPaths()
                    .addPathItem("/api/iso20022/messages", new PathItem().post(submitMessage()))
                    .addPathItem("/api/iso20022/outbox/{bic}", new PathItem().get(readOutbox()));
        };
    }

    private static Operation submitMessage() {
        return new Operation()
                .operationId("submitIso20022Message")
                .addTagsItem(CHANNEL_TAG)
                .summary("Submit one inbound ISO 20022 message")
                .description("""
                        A bank's own system sends one pacs.008, pacs.009, pacs.004, camt.056 or camt.050, with or \
                        without a business application header. The instructing agent must be the signed-in bank. \
                        The message id is the idempotency key: a resend gets the first answer, not a second \
                        payment. An invalid message is also answered with a pacs.002 RJCT in the bank's outbox.""")
                .requestBody(new RequestBody().required(true)
                        .content(new Content().addMediaType(XML, new MediaType()
                                .schema(new StringSchema().description("one ISO 20022 XML document")))))
                .responses(new ApiResponses()
                        .addApiResponse("202", new ApiResponse()
                                .description("Accepted; each transaction's outcome from the core")
                                .content(new Content().addMediaType(JSON, new MediaType().schema(acceptedSchema()))))
                        .addApiResponse("400", problem("Invalid message: schema or business rule, with its ISO reason"))
                        .addApiResponse("401", problem("No or wrong credentials"))
                        .addApiResponse("403", problem("The caller is not a bank system"))
                        .addApiResponse("413", problem("Larger than the node's message size limit (FF01)"))
                        .addApiResponse("415", problem("Not XML (FF01)"))
                        .addApiResponse("503", problem("Settlement did not answer in time; send the same message again")));
    }

    private static Operation readOutbox() {
        return new Operation()
                .operationId("readIso20022Outbox")
                .addTagsItem(CHANNEL_TAG)
                .summary("Read the messages Clearline sent a bank, oldest first")
                .description("""
                        One page of pacs.002, pacs.008, camt.054, camt.025 and the other messages sent to the bank, \
                        each whole inside a Message element of an Outbox document (namespace \
                        urn:clearline:outbox:1). The document's next attribute is the after of the following page. \
                        A bank reads only its own outbox; the operator and the regulator read every bank's.""")
                .addParametersItem(new Parameter().in("path").name("bic").required(true)
                        .description("the bank's BIC").schema(new StringSchema().pattern("^[A-Z0-9]{8}([A-Z0-9]{3})?$")))
                .addParametersItem(new Parameter().in("query").name("after").required(false)
                        .description("return messages after this sequence number")
                        .schema(new IntegerSchema().format("int64").minimum(BigDecimal.ZERO)._default(0)))
                .addParametersItem(new Parameter().in("query").name("limit").required(false)
                        .description("the most messages to return")
                        .schema(new IntegerSchema().minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(OutboxStore.PAGE_SIZE_MAX))
                                ._default(HttpChannelRoutes.OUTBOX_PAGE_SIZE_DEFAULT)))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("One page of the bank's outbox")
                                .content(new Content().addMediaType(XML, new MediaType()
                                        .schema(new StringSchema().description("an Outbox XML document")))))
                        .addApiResponse("400", problem("after or limit out of range"))
                        .addApiResponse("401", problem("No or wrong credentials"))
                        .addApiResponse("403", problem("Another bank's outbox")));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(Problems.MEDIA_TYPE, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    /** What {@link Problems#json} writes. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem document")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("reasonCode", new StringSchema()
                        .description("the ISO 20022 external reason code, where one applies (e.g. FF01, AM05)"))
                .required(List.of("type", "title", "status"));
    }

    /** What the HTTP channel answers for an accepted message (InboundAnswer.Accepted). */
    private static Schema<?> acceptedSchema() {
        return new ObjectSchema()
                .addProperty("messageId", new StringSchema().description("the message's MsgId"))
                .addProperty("messageDefinition", new StringSchema().description("e.g. pacs.008.001.08"))
                .addProperty("transactions", new ArraySchema().items(new ObjectSchema()
                        .addProperty("uetr", new StringSchema().format("uuid"))
                        .addProperty("outcome", new StringSchema()
                                .description("for a payment, transfer or return: ACCEPTED, REPEATED, DUPLICATE"
                                        + " (answered with AM05) or RJCT (a return the core refused, answered with"
                                        + " its pacs.002); for a pacs.028 or a camt.056, the ISO status of each"
                                        + " payment asked about (ACSC, PDNG, RJCT, ...; ACCR, RJCR, PDCR)"))));
    }
}
