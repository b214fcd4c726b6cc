package io.clearline.flows.ledger;

import java.util.List;
import java.util.Objects;

/** A command with the keys that must sign the transaction for it to be valid. */
public record Command(CommandData value, List<PublicKey> signers) {
    public Command {
        Objects.requireNonNull(value, "value");
        signers = List.copyOf(signers);
        if (signers.isEmpty()) {
            throw new IllegalArgumentException("a command has at least one required signer");
        }
    }
}
