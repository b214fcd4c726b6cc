package io.clearline.flows.ledger;

/** A transaction's signatures do not hold: tampering or a bug, never a business refusal. */
public final class SignatureException extends RuntimeException {
    public SignatureException(String message) {
        super(message);
    }
}
