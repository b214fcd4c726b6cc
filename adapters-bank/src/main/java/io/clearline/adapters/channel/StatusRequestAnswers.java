package io.clearline.adapters.channel;

import io.clearline.adapters.outbound.StatusReports;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.iso20022.StatusReport;
import io.clearline.iso20022.StatusRequest;
import io.clearline.iso20022.StatusRequestMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

/**
 * Answers a bank's pacs.028: each payment it asks about is looked up by UETR in the core's payment
 * view and reported with its current status only when the bank is its payer or its payee. Any other
 * payment, existing or not, gets the same "not known" answer, so a status request never reveals
 * another bank's payments.
 */
final class StatusRequestAnswers {
    private final QueryGateway queries;
    private final Duration timeout;

    /** @param timeout how long the core has to answer all the look-ups of one request together */
    StatusRequestAnswers(QueryGateway queries, Duration timeout) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** @return one report per question, in order; empty when the core did not answer in time */
    Optional<List<StatusReport>> answer(String bankBic, StatusRequestMessage message) {
        // The look-ups run together, so one request costs one deadline, not one per payment; the reader caps
        // how many there are (StatusRequestMessage.REQUESTS_MAX).
        List<CompletableFuture<Optional<PaymentView>>> lookups = new ArrayList<>();
        for (StatusRequest request : message.requests()) {
            lookups.add(request.originalUetr() == null ? null
                    : queries.query(new FindPaymentQuery(Uetr.of(request.originalUetr())),
                    ResponseTypes.optionalInstanceOf(PaymentView.class)));
        }
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        List<StatusReport> reports = new ArrayList<>();
        for (int index = 0; index < lookups.size(); index++) {
            StatusRequest request = message.requests().get(index);
            if (lookups.get(index) == null) {
                reports.add(StatusReports.notLookedUp(bankBic, request));
                continue;
            }
            Optional<PaymentView> found;
            try {
                found = lookups.get(index).get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException failure) {
                lookups.forEach(lookup -> {
                    if (lookup != null) {
                        lookup.cancel(true);
                    }
                });
                return Optional.empty();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking up " + request.originalUetr(), interrupted);
            }
            reports.add(found.filter(payment -> isPartyTo(payment, bankBic))
                    .map(payment -> StatusReports.current(bankBic, request, payment))
                    .orElseGet(() -> StatusReports.unknown(bankBic, request)));
        }
        return Optional.of(reports);
    }

    private static boolean isPartyTo(PaymentView payment, String bankBic) {
        return payment.payer().value().equals(bankBic) || payment.payee().value().equals(bankBic);
    }
}
