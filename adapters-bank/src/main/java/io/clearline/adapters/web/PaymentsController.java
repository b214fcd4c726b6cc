package io.clearline.adapters.web;

import io.clearline.adapters.security.BankAccess;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.core.payment.api.PaymentsPage;
import io.clearline.core.payment.api.SearchPaymentsQuery;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/payments")
public class PaymentsController {
    private final QueryGateway queries;

    public PaymentsController(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * Payments newest first, a page at a time. A bank searches the payments it pays or receives (its own
     * BIC is the default and the only one it may name); the operator and the regulator any bank's or all.
     */
    @GetMapping
    public Map<String, Object> search(@RequestParam(required = false) String bic,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String until,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size,
                                      Authentication caller) {
        Bic bank = bankToSearch(bic, caller);
        PaymentStatus wanted;
        try {
            wanted = status == null ? null : PaymentStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("status is one of " + java.util.Arrays.toString(PaymentStatus.values()));
        }
        PaymentsPage found = queries.query(new SearchPaymentsQuery(bank, wanted, instant(from, "from"),
                        instant(until, "until"), page, size), ResponseTypes.instanceOf(PaymentsPage.class))
                .orTimeout(ParticipantsController.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", found.page());
        body.put("hasMore", found.hasMore());
        body.put("payments", found.payments().stream().map(payment -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("uetr", payment.uetr().value());
            row.put("status", payment.status().name());
            row.put("payer", payment.payer().value());
            row.put("payee", payment.payee().value());
            row.put("amount", Amounts.format(payment.amount()));
            row.put("currency", payment.amount().currency());
            row.put("receivedAt", payment.history().getFirst().at().toString());
            return row;
        }).toList());
        return body;
    }

    private static Bic bankToSearch(String bic, Authentication caller) {
        if (BankAccess.seesEveryBank(caller)) {
            return bic == null ? null : Bic.of(bic);
        }
        String own = BankAccess.bankOf(caller).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.FORBIDDEN, "only banks, the operator and the regulator search"));
        if (bic != null && !bic.equals(own)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a bank searches only its own payments");
        }
        return Bic.of(own);
    }

    private static java.time.Instant instant(String text, String name) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException notAnInstant) {
            throw new IllegalArgumentException(name + " is an ISO instant, like 2026-11-24T09:00:00Z");
        }
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
