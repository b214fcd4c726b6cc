package io.clearline.adapters.channel;

import java.util.List;

/** What a channel tells the bank that sent a message, whatever the channel (HTTP, folder). */
public sealed interface InboundAnswer {

    /** The message was valid; each of its transactions got an outcome from the core. */
    record Accepted(String messageId, String messageDefinition, List<TransactionOutcome> transactions)
            implements InboundAnswer {
    }

    /**
     * The message was refused as a whole; a pacs.002 RJCT with the same reason is in the bank's outbox (for a
     * camt.056, a camt.029 refusing each payment).
     */
    record Refused(Problem problem, String reasonCode, String explanation) implements InboundAnswer {
    }

    /**
     * The outcome of one transaction: ACCEPTED, REPEATED or DUPLICATE (answered with AM05); for a return the core
     * refused while others of its pacs.004 went on, RJCT (answered with a pacs.002 RJCT and its reason); for a
     * status request, the ISO status reported (ACSC, PDNG, RJCT...), with a null UETR for a question asked
     * without one.
     */
    record TransactionOutcome(String uetr, String outcome) {
    }

    /** Why a message was refused, as a channel reports it (an HTTP status for the HTTP channel). */
    enum Problem {
        INVALID_MESSAGE(400), TOO_LARGE(413), NOT_XML(415), NOT_YOUR_MONEY(403), CORE_UNAVAILABLE(503);

        private final int httpStatus;

        Problem(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }
}
