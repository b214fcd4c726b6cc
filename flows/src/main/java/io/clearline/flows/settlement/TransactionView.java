package io.clearline.flows.settlement;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A recorded ledger transaction for readers ({@code GET /api/ledger/transactions/{id}}): its content,
 * every signature with whether it verifies, and its notarisation. Amounts are minor units (a
 * {@code Long} under {@code amountMinorUnits}) beside their {@code currency}.
 */
public record TransactionView(
        String id,
        List<InputView> inputs,
        List<OutputView> outputs,
        List<CommandView> commands,
        List<SignatureView> signatures,
        String notaryName,
        SignatureView notarySignature,
        Instant notarisedAt) {

    public record InputView(String transactionId, int outputIndex) {
    }

    /** {@code type} is the state type ({@code cash}, {@code payment}); fields in a stable order. */
    public record OutputView(int index, String type, String contractName, Map<String, Object> fields) {
    }

    public record CommandView(String name, List<String> signerNames) {
    }

    /** {@code signerName} is the key's identity, or {@code "unknown"} if no identity here holds the key. */
    public record SignatureView(String signerName, String publicKeyBase64, String signatureBase64, boolean verifies) {
    }
}
