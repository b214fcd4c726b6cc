package io.clearline.flows.ledger;

import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The content of a transaction, before anyone signs it. Its id is a Merkle root over its salted
 * component groups ({@link LedgerCodecs#transactionId}). The privacy salt (hex) makes two
 * transactions with equal content (two equal issuances) different transactions, and every
 * component's nonce is derived from it.
 */
public record WireTransaction(
        List<StateRef> inputs,
        List<TransactionState> outputs,
        List<Command> commands,
        Party notary,
        TimeWindow timeWindow,
        String privacySalt) {

    /** Bytes of random salt, enough that two transactions never share an id by chance. */
    public static final int PRIVACY_SALT_BYTES = 32;
    /** Limits on one transaction's size, so that no caller builds one the notary cannot swallow. */
    public static final int INPUTS_MAX = 256;
    public static final int OUTPUTS_MAX = 256;
    public static final int COMMANDS_MAX = 64;
    public static final int SIGNERS_PER_COMMAND_MAX = 64;

    public WireTransaction {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        commands = List.copyOf(commands);
        Objects.requireNonNull(notary, "notary");
        Objects.requireNonNull(privacySalt, "privacySalt");
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("a transaction has at least one command");
        }
        if (privacySalt.length() != 2 * PRIVACY_SALT_BYTES || !privacySalt.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("a privacy salt is " + PRIVACY_SALT_BYTES + " bytes in lower-case hex");
        }
        if (commands.size() > COMMANDS_MAX
                || commands.stream().anyMatch(command -> command.signers().size() > SIGNERS_PER_COMMAND_MAX)) {
            throw new IllegalArgumentException("a transaction has at most " + COMMANDS_MAX + " commands of at most "
                    + SIGNERS_PER_COMMAND_MAX + " signers each");
        }
        if (inputs.size() > INPUTS_MAX || outputs.size() > OUTPUTS_MAX) {
            throw new IllegalArgumentException("a transaction has at most " + INPUTS_MAX + " inputs and "
                    + OUTPUTS_MAX + " outputs");
        }
        if (new LinkedHashSet<>(inputs).size() != inputs.size()) {
            throw new IllegalArgumentException("a transaction spends each input once: " + inputs);
        }
    }

    public byte[] privacySaltBytes() {
        return HexFormat.of().parseHex(privacySalt);
    }

    public Optional<TimeWindow> window() {
        return Optional.ofNullable(timeWindow);
    }

    /** Every key some command requires, in order of first appearance. */
    public Set<PublicKey> requiredSigners() {
        Set<PublicKey> keys = new LinkedHashSet<>();
        commands.forEach(command -> keys.addAll(command.signers()));
        return keys;
    }
}
