package io.clearline.core.businessday.api;

/**
 * The business day is past its cut-off or closed: a new payment is refused with TM01, unless
 * {@link #mayBeWarehoused()}, when the network warehouses such payments: then ask
 * {@link WarehousePaymentForNextDayCommand}.
 */
public class PaymentsNotAcceptedException extends RuntimeException {
    private final boolean mayBeWarehoused;

    public PaymentsNotAcceptedException(String explanation) {
        this(explanation, false);
    }

    public PaymentsNotAcceptedException(String explanation, boolean mayBeWarehoused) {
        super(explanation);
        this.mayBeWarehoused = mayBeWarehoused;
    }

    /** True when the network's after-cut-off handling is {@link AfterCutOffHandling#WAREHOUSE}. */
    public boolean mayBeWarehoused() {
        return mayBeWarehoused;
    }
}
