package io.clearline.adapters.channel;

import io.clearline.adapters.outbound.OutboundDelivery;
import io.clearline.adapters.outbound.OutboundMessage;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The folder channel. A bank drops one message per file into {@code <data>/banks/<BIC>/inbox}; the
 * folder names the bank, as a bank's credentials do on HTTP. Accepted files move to
 * {@code archive}, refused ones to {@code error} beside a {@code .reason} file, and every answer
 * Clearline sends the bank is written to {@code outbox}.
 */
public class FileChannelRoutes extends RouteBuilder {
    /** Set on an inbound file to the folder (beside inbox) it is moved to once handled. */
    public static final String OUTCOME_FOLDER_HEADER = "ClearlineOutcomeFolder";
    private static final String CHANNEL_BIC_HEADER = "ClearlineChannelBic";

    private final InboundMessageService inbound;
    private final int sizeMaxBytes;

    public FileChannelRoutes(InboundMessageService inbound, int sizeMaxBytes) {
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.sizeMaxBytes = sizeMaxBytes;
    }

    @Override
    public void configure() {
        from("{{clearline.channel.file.inbound-uri}}").routeId("iso20022-file-inbound")
                .routeConfigurationId(ChannelErrorPolicy.FILE)
                .process(this::receive)
                .filter(header(OUTCOME_FOLDER_HEADER).isEqualTo("error"))
                    .setHeader(Exchange.FILE_NAME, simple("${header." + CHANNEL_BIC_HEADER
                            + "}/error/${file:onlyname}.reason"))
                    .to("{{clearline.channel.file.reason-uri}}")
                .end();

        from(OutboundDelivery.FILE_DELIVERY_ENDPOINT).routeId("iso20022-file-outbox")
                .process(exchange -> {
                    OutboundMessage message = exchange.getIn().getBody(OutboundMessage.class);
                    exchange.getIn().setHeader(Exchange.FILE_NAME, message.recipientBic() + "/outbox/"
                            + String.format("%012d", message.sequence()) + "-" + message.messageType() + ".xml");
                    exchange.getIn().setBody(message.xml());
                })
                .to("{{clearline.channel.file.outbox-uri}}");
    }

    private void receive(Exchange exchange) {
        // CamelFileRelativePath is "<BIC>/inbox/<name>" below the banks folder.
        String relativePath = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
        String bic = relativePath.substring(0, relativePath.indexOf('/'));
        exchange.getIn().setHeader(CHANNEL_BIC_HEADER, bic);
        long length = exchange.getIn().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
        InboundAnswer answer;
        if (length > sizeMaxBytes) {
            answer = inbound.refuseOversized(bic, length, sizeMaxBytes);
        } else {
            answer = inbound.receive(exchange.getIn().getBody(byte[].class), bic);
        }
        if (answer instanceof InboundAnswer.Refused refused) {
            exchange.getIn().setHeader(OUTCOME_FOLDER_HEADER, "error");
            exchange.getIn().setBody(refused.reasonCode() + "\t" + refused.explanation() + "\n");
        } else {
            exchange.getIn().setHeader(OUTCOME_FOLDER_HEADER, "archive");
        }
    }
}
