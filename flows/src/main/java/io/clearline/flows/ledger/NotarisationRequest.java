package io.clearline.flows.ledger;

import java.util.List;
import java.util.Objects;

/**
 * What a non-validating notary is sent: the transaction filtered down to what uniqueness needs
 * ({@link Notary#NON_VALIDATING_VIEW}) and the signatures collected so far. No output, amount or
 * command is in it.
 */
public record NotarisationRequest(FilteredTransaction transaction, List<TransactionSignature> signatures) {
    public NotarisationRequest {
        Objects.requireNonNull(transaction, "transaction");
        signatures = List.copyOf(signatures);
    }

    /** Filters a signed transaction for the notary; the only way flows should build a request. */
    public static NotarisationRequest of(SignedTransaction stx, LedgerCodecs codecs) {
        return new NotarisationRequest(codecs.filter(stx.tx(), Notary.NON_VALIDATING_VIEW), stx.signatures());
    }

}
