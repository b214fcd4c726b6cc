package io.clearline.adapters.channel;

import java.util.Optional;

/**
 * The pledge id of a bank's camt.050: the bank and its message id. Deterministic, so a resend is the
 * same pledge; readable back, so the receipt (camt.025) can name the message it answers.
 */
public final class LiquidityTransferIds {
    private static final String PREFIX = "camt050:";

    private LiquidityTransferIds() {
    }

    static String of(String bic, String messageId) {
        return PREFIX + bic + ":" + messageId;
    }

    /** The message id a pledge answers, or empty when the pledge did not come from a camt.050. */
    public static Optional<String> messageIdOf(String transferId, String bic) {
        String bankPrefix = PREFIX + bic + ":";
        return transferId.startsWith(bankPrefix) ? Optional.of(transferId.substring(bankPrefix.length()))
                : Optional.empty();
    }
}
