package io.clearline.adapters.web;

import io.clearline.adapters.security.BankAccess;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/payments")
public class PaymentsController {
    private final QueryGateway queries;

    public PaymentsController(QueryGateway queries) {
        this.queries = queries;
    }

    /** A payment's status and history. A bank sees only payments it pays or receives; others are 404. */
    @GetMapping("/{uetr}")
    public Map<String, Object> payment(@PathVariable String uetr, Authentication caller) {
        Uetr key = Uetr.of(uetr.toLowerCase());
        Optional<PaymentView> found = queries.query(new FindPaymentQuery(key),
                        ResponseTypes.optionalInstanceOf(PaymentView.class))
                .orTimeout(ParticipantsController.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        PaymentView payment = found
                .filter(view -> BankAccess.maySee(caller, view.payer().value())
                        || BankAccess.maySee(caller, view.payee().value()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no payment " + uetr));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uetr", payment.uetr().value());
        body.put("status", payment.status().name());
        body.put("payer", payment.payer().value());
        body.put("payee", payment.payee().value());
        body.put("amount", Amounts.format(payment.amount()));
        body.put("currency", payment.amount().currency());
        if (payment.reason() != null) {
            body.put("reason", Map.of("code", payment.reason().code().name(),
                    "explanation", payment.reason().explanation()));
        }
        if (payment.ledgerTransactionId() != null) {
            body.put("ledgerTransactionId", payment.ledgerTransactionId());
        }
        body.put("history", payment.history().stream()
                .map(entry -> Map.of("at", entry.at().toString(), "status", entry.status().name(),
                        "detail", entry.detail()))
                .toList());
        return body;
    }
}
