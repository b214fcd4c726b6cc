package io.clearline.ops.ledger;

import io.clearline.adapters.security.BankAccess;
import io.clearline.adapters.web.Amounts;
import io.clearline.core.common.api.Money;
import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.flows.settlement.TransactionView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A ledger transaction with its signatures and notarisation. The operator and the regulator see
 * every one; a bank sees only those it is a party to (anything else is 404, so that a bank cannot
 * even learn which transaction ids exist).
 */
@RestController
@RequestMapping("/api/ledger/transactions")
public class LedgerController {
    private static final List<String> PARTY_FIELDS = List.of("owner", "issuer", "payer", "payee");

    private final ClearlineLedger ledger;

    public LedgerController(ClearlineLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/{id}")
    public Map<String, Object> transaction(@PathVariable String id, Authentication caller) {
        Optional<TransactionView> found = ledger.transaction(id);
        TransactionView view = found.filter(transaction -> BankAccess.seesEveryBank(caller)
                        || BankAccess.bankOf(caller).map(bic -> isPartyTo(transaction, bic)).orElse(false))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ledger transaction " + id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", view.id());
        body.put("inputs", view.inputs());
        body.put("outputs", view.outputs().stream().map(LedgerController::output).toList());
        body.put("commands", view.commands());
        body.put("signatures", view.signatures());
        body.put("notary", view.notaryName());
        body.put("notarySignature", view.notarySignature());
        body.put("notarisedAt", view.notarisedAt() == null ? null : view.notarisedAt().toString());
        return body;
    }

    private static boolean isPartyTo(TransactionView transaction, String bic) {
        return transaction.outputs().stream().anyMatch(output -> PARTY_FIELDS.stream()
                        .anyMatch(field -> bic.equals(output.fields().get(field))))
                || transaction.signatures().stream().anyMatch(signature -> bic.equals(signature.signerName()));
    }

    /** Amounts as decimal strings in the currency's scale, as everywhere in the API. */
    private static Map<String, Object> output(TransactionView.OutputView output) {
        Map<String, Object> fields = new LinkedHashMap<>(output.fields());
        if (fields.get("amountMinorUnits") instanceof Number minorUnits && fields.get("currency") instanceof String currency) {
            fields.remove("amountMinorUnits");
            fields.put("amount", Amounts.format(Money.of(minorUnits.longValue(), currency)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("index", output.index());
        body.put("type", output.type());
        body.put("contract", output.contractName());
        body.put("state", fields);
        return body;
    }
}
