package io.clearline.adapters.workspace;

import io.clearline.adapters.security.BankAccess;
import io.clearline.adapters.web.AuditFigures;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The instant audit's latest verdict, exactly as {@code GET /api/audit} answers it, for the workspace:
 * the node provides the figures ({@link AuditFigures}); a node without an audit answers empty.
 */
@Component
class NodeAudit {
    /** The audit as the page shows it: figures already formatted, times in the business zone. */
    record Verdict(boolean clean, String verdict, String asOf, String transactionsVerified, String paymentsRecorded,
                   List<CurrencyFigures> currencies, List<Failure> failures) {
    }

    record CurrencyFigures(String currency, String issued, String inCirculation, boolean balanced) {
    }

    record Failure(String transactionId, String rule) {
    }

    private final ObjectProvider<AuditFigures> figures;
    private final WorkspaceViews views;

    NodeAudit(ObjectProvider<AuditFigures> figures, WorkspaceViews views) {
        this.figures = figures;
        this.views = views;
    }

    /**
     * The latest verdict for {@code caller}, under the API's rule: the regulator and the operator only.
     *
     * @throws ResponseStatusException 403 for anyone else
     */
    Optional<Verdict> latest(Authentication caller) {
        if (!BankAccess.seesEveryBank(caller)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the audit is for the regulator and the operator");
        }
        AuditFigures audit = figures.getIfAvailable();
        return audit == null ? Optional.empty() : Optional.of(verdictOf(audit.latest()));
    }

    private Verdict verdictOf(Map<?, ?> figures) {
        String verdict = String.valueOf(figures.get("verdict"));
        List<CurrencyFigures> currencies = new ArrayList<>();
        if (figures.get("currencies") instanceof Map<?, ?> byCurrency) {
            byCurrency.forEach((currency, value) -> {
                if (value instanceof Map<?, ?> money) {
                    currencies.add(new CurrencyFigures(String.valueOf(currency),
                            DisplayAmounts.group(String.valueOf(money.get("issued"))),
                            DisplayAmounts.group(String.valueOf(money.get("inCirculation"))),
                            Boolean.TRUE.equals(money.get("balanced"))));
                }
            });
        }
        List<Failure> failures = new ArrayList<>();
        if (figures.get("failures") instanceof List<?> listed) {
            for (Object failure : listed) {
                if (failure instanceof Map<?, ?> fields) {
                    failures.add(new Failure(String.valueOf(fields.get("transactionId")),
                            String.valueOf(fields.get("rule"))));
                }
            }
        }
        return new Verdict("CLEAN".equals(verdict), verdict, asOf(figures.get("asOf")),
                DisplayAmounts.group(String.valueOf(figures.get("transactionsVerified"))),
                DisplayAmounts.group(String.valueOf(figures.get("paymentsRecorded"))), currencies, failures);
    }

    private String asOf(Object asOf) {
        try {
            return views.timeOf(Instant.parse(String.valueOf(asOf)));
        } catch (DateTimeParseException notAnInstant) {
            return String.valueOf(asOf);
        }
    }
}
