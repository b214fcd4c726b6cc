package io.clearline.adapters.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearline.adapters.outbound.OutboundMessage;
import io.clearline.adapters.outbound.OutboxStore;
import io.clearline.adapters.security.AuthenticatedCaller;
import io.clearline.adapters.security.BankAccess;
import io.clearline.adapters.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.common.HttpMessage;
import org.springframework.security.core.Authentication;

/**
 * The HTTP channel: {@code POST /api/iso20022/messages} takes one message from an authenticated bank
 * system; {@code GET /api/iso20022/outbox/{bic}} gives back what Clearline sent that bank, oldest
 * first. Spring Security has authenticated the caller before Camel sees the request.
 */
public class HttpChannelRoutes extends RouteBuilder {
    /** The most messages one outbox page returns unless the caller asks for fewer. */
    public static final int OUTBOX_PAGE_SIZE_DEFAULT = 100;

    private final InboundMessageService inbound;
    private final OutboxStore outbox;
    private final int sizeMaxBytes;
    private final ObjectMapper json = new ObjectMapper();

    public HttpChannelRoutes(InboundMessageService inbound, OutboxStore outbox, int sizeMaxBytes) {
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.sizeMaxBytes = sizeMaxBytes;
    }

    @Override
    public void configure() {
        from("{{clearline.channel.http.inbound-uri}}").routeId("iso20022-http-inbound")
                .routeConfigurationId(ChannelErrorPolicy.HTTP)
                .process(this::receive);
        from("{{clearline.channel.http.outbox-uri}}").routeId("iso20022-http-outbox")
                .routeConfigurationId(ChannelErrorPolicy.HTTP)
                .process(this::readOutbox);
    }

    private void receive(Exchange exchange) throws Exception {
        HttpServletRequest request = exchange.getIn(HttpMessage.class).getRequest();
        Optional<String> bank = BankAccess.bankOf(AuthenticatedCaller.of(request));
        if (bank.isEmpty()) {
            problem(exchange, 403, "Not a bank system", "Only a bank's own system may submit payment messages", null);
            return;
        }
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase().contains("xml")) {
            problem(exchange, 415, "Not XML", "Send one ISO 20022 message as application/xml", "FF01");
            return;
        }
        if (request.getContentLengthLong() > sizeMaxBytes) {
            problem(exchange, 413, "Message too large", "The limit is " + sizeMaxBytes + " bytes", "FF01");
            return;
        }
        Optional<byte[]> body = BoundedBody.read(exchange.getIn().getBody(InputStream.class), sizeMaxBytes);
        if (body.isEmpty()) {
            problem(exchange, 413, "Message too large", "The limit is " + sizeMaxBytes + " bytes", "FF01");
            return;
        }
        answer(exchange, inbound.receive(body.get(), bank.get()));
    }

    private void answer(Exchange exchange, InboundAnswer answer) throws Exception {
        switch (answer) {
            case InboundAnswer.Accepted accepted -> {
                exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                exchange.getMessage().setBody(json.writeValueAsString(Map.of(
                        "messageId", accepted.messageId(),
                        "messageDefinition", accepted.messageDefinition(),
                        "transactions", accepted.transactions())));
            }
            case InboundAnswer.Refused refused -> problem(exchange, refused.problem().httpStatus(),
                    refused.problem() == InboundAnswer.Problem.CORE_UNAVAILABLE ? "Settlement unavailable"
                            : "Message rejected", refused.explanation(), refused.reasonCode());
        }
    }

    private void readOutbox(Exchange exchange) {
        HttpServletRequest request = exchange.getIn(HttpMessage.class).getRequest();
        Authentication caller = AuthenticatedCaller.of(request);
        String bic = Objects.requireNonNullElse(exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class), "")
                .replaceAll("^/+", "");
        if (!BankAccess.maySee(caller, bic)) {
            problem(exchange, 403, "Not your bank", "A bank sees only its own outbox", null);
            return;
        }
        long after;
        int limit;
        try {
            after = Long.parseLong(Objects.requireNonNullElse(request.getParameter("after"), "0"));
            limit = Integer.parseInt(Objects.requireNonNullElse(request.getParameter("limit"),
                    String.valueOf(OUTBOX_PAGE_SIZE_DEFAULT)));
        } catch (NumberFormatException notANumber) {
            problem(exchange, 400, "Bad page", "after and limit are whole numbers", null);
            return;
        }
        if (after < 0 || limit < 1 || limit > OutboxStore.PAGE_SIZE_MAX) {
            problem(exchange, 400, "Bad page", "after ≥ 0 and 1 ≤ limit ≤ " + OutboxStore.PAGE_SIZE_MAX, null);
            return;
        }
        List<OutboundMessage> page = outbox.page(bic, after, limit);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/xml");
        exchange.getMessage().setBody(OutboxDocument.of(bic, after, page));
    }

    static void problem(Exchange exchange, int status, String title, String detail, String reasonCode) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Problems.MEDIA_TYPE);
        exchange.getMessage().setBody(Problems.json(status, title, detail, reasonCode));
    }
}
