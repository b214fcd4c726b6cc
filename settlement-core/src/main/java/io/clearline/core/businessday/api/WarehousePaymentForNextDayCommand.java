package io.clearline.core.businessday.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Uetr;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asked after {@link VerifyAcceptingPaymentsCommand} failed with a {@link PaymentsNotAcceptedException} that
 * {@linkplain PaymentsNotAcceptedException#mayBeWarehoused() may be warehoused}: keeps the payment for the
 * next business day ({@link PaymentWarehousedForNextDayEvent}) and returns {@code true}, or returns
 * {@code false} when the day takes it after all (it opened meanwhile, nothing warehoused is waiting): the
 * caller then goes on as if the check had passed. Asking again for a payment already kept returns
 * {@code true} and changes nothing.
 *
 * <p>Fails with {@link PaymentsNotAcceptedException} (not to be warehoused) when the network rejects after
 * the cut-off, or when {@link BusinessDays#WAREHOUSED_PAYMENTS_MAX} payments are already warehoused.
 */
public record WarehousePaymentForNextDayCommand(
        @TargetAggregateIdentifier String network, Uetr uetr, Bic payer, boolean customerPayment) {
    public WarehousePaymentForNextDayCommand {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(uetr, "uetr");
        Objects.requireNonNull(payer, "payer");
    }

    public WarehousePaymentForNextDayCommand(Uetr uetr, Bic payer, boolean customerPayment) {
        this(BusinessDays.NETWORK, uetr, payer, customerPayment);
    }
}
