package io.clearline.ops.ledger;

import io.clearline.adapters.security.BankAccess;
import io.clearline.adapters.web.AuditFigures;
import io.clearline.adapters.web.Amounts;
import io.clearline.core.common.api.Money;
import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.flows.settlement.LedgerAudit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The instant audit: the regulator's verdict on every ledger transaction it has recorded, and the
 * invariant that ledger cash in circulation equals what the central bank issued, per currency.
 * For the regulator and the operator; a bank sees its own position, not the system's.
 */
@RestController
public class AuditController implements AuditFigures {
    private final ClearlineLedger ledger;

    public AuditController(ClearlineLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/audit")
    public Map<String, Object> audit(Authentication caller) {
        if (!BankAccess.seesEveryBank(caller)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the audit is for the regulator and the operator");
        }
        return latest();
    }

    /** The figures themselves, for the API and the workspace alike; callers check who may see them. */
    @Override
    public Map<String, Object> latest() {
        LedgerAudit audit = ledger.audit();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verdict", audit.clean() ? "CLEAN" : "FAILURES");
        body.put("asOf", audit.asOf().toString());
        body.put("transactionsVerified", audit.transactionsVerified());
        body.put("paymentsRecorded", audit.paymentsRecorded());
        Map<String, Object> currencies = new TreeMap<>();
        for (String currency : union(audit)) {
            long issued = audit.issuedByCurrency().getOrDefault(currency, 0L);
            long inCirculation = audit.inCirculationByCurrency().getOrDefault(currency, 0L);
            currencies.put(currency, Map.of(
                    "issued", Amounts.format(Money.of(issued, currency)),
                    "inCirculation", Amounts.format(Money.of(inCirculation, currency)),
                    "balanced", issued == inCirculation));
        }
        body.put("currencies", currencies);
        body.put("failures", audit.failures().stream()
                .map(failure -> Map.of("transactionId", failure.transactionId(), "rule", failure.rule())).toList());
        return body;
    }

    private static Set<String> union(LedgerAudit audit) {
        Set<String> currencies = new TreeSet<>(audit.issuedByCurrency().keySet());
        currencies.addAll(audit.inCirculationByCurrency().keySet());
        return currencies;
    }
}
