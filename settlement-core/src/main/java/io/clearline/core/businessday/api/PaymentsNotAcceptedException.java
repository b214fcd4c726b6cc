package io.clearline.core.businessday.api;

/** The business day is past its cut-off or closed: a new payment is refused with TM01. */
public class PaymentsNotAcceptedException extends RuntimeException {
    public PaymentsNotAcceptedException(String explanation) {
        super(explanation);
    }
}
