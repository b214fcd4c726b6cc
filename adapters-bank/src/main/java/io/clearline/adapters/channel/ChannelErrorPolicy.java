package io.clearline.adapters.channel;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error policy every channel route shares. A fault (not a refusal: refusals are answers) on
 * the HTTP channel becomes a 500 problem without the message body in any log; on the folder
 * channel the file is retried a fixed number of times and then moved to the bank's error folder
 * by the consumer's {@code moveFailed}.
 */
public class ChannelErrorPolicy extends RouteConfigurationBuilder {
    public static final String HTTP = "http-channel-errors";
    public static final String FILE = "file-channel-errors";
    /** Redelivery is off by default in Camel; a file is tried this many extra times before it fails. */
    public static final int FILE_REDELIVERIES_MAX = 2;
    public static final long FILE_REDELIVERY_DELAY_MILLIS = 500;
    private static final Logger log = LoggerFactory.getLogger(ChannelErrorPolicy.class);

    @Override
    public void configuration() {
        routeConfiguration(HTTP).onException(Exception.class).handled(true)
                .process(exchange -> {
                    Exception fault = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    log.error("HTTP channel fault on route {}", exchange.getFromRouteId(), fault);
                    HttpChannelRoutes.problem(exchange, 500, "Internal fault",
                            "The message could not be processed; nothing was settled. Resend it: it is idempotent"
                                    + " on its UETR", null);
                });
        routeConfiguration(FILE).onException(Exception.class).handled(false)
                .maximumRedeliveries(FILE_REDELIVERIES_MAX)
                .redeliveryDelay(FILE_REDELIVERY_DELAY_MILLIS)
                .logExhaustedMessageBody(false)
                .logExhaustedMessageHistory(false);
    }
}
