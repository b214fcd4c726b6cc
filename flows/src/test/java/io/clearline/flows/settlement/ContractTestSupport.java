package io.clearline.flows.settlement;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.Command;
import io.clearline.flows.ledger.ContractState;
import io.clearline.flows.ledger.ContractViolationException;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.LedgerTransaction;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.StateAndRef;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.TransactionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;

/** A small DSL for contract tests: build a ledger transaction, then {@code verifies()} or {@code failsWith("...")}. */
final class ContractTestSupport {
    static final Party CENTRAL_BANK = party("CBANKXXX");
    static final Party NOTARY = party("notary");
    static final Party BANK_A = party("BANKAAAA");
    static final Party BANK_B = party("BANKBBBB");
    static final String UETR = "3f2c1b7e-8d4a-4c9b-9e1f-0a2b3c4d5e6f";

    private ContractTestSupport() {
    }

    static Party party(String name) {
        return new Party(name, Ed25519.generate().publicKey());
    }

    static CashState cash(long amount, Party owner) {
        return new CashState(amount, "EUR", CENTRAL_BANK, owner);
    }

    static final class Tx {
        private final List<StateAndRef> inputs = new ArrayList<>();
        private final List<TransactionState> outputs = new ArrayList<>();
        private final List<Command> commands = new ArrayList<>();

        Tx input(ContractState state) {
            inputs.add(new StateAndRef(new TransactionState(state, contractOf(state), NOTARY),
                    new StateRef("a".repeat(64), inputs.size())));
            return this;
        }

        Tx output(ContractState state) {
            outputs.add(new TransactionState(state, contractOf(state), NOTARY));
            return this;
        }

        Tx command(io.clearline.flows.ledger.CommandData value, Party... signers) {
            commands.add(new Command(value, java.util.Arrays.stream(signers).map(Party::publicKey).toList()));
            return this;
        }

        LedgerTransaction build() {
            return new LedgerTransaction("b".repeat(64), inputs, outputs, commands, NOTARY, Optional.empty());
        }

        void verifies() {
            LedgerTransaction tx = build();
            new CashContract().verify(tx);
            if (!tx.outputStates(PaymentState.class).isEmpty() || !tx.commandsOfType(PaymentCommand.class).isEmpty()) {
                new PaymentContract().verify(tx);
            }
        }

        void failsWith(String rule) {
            LedgerTransaction tx = build();
            ThrowableAssert.ThrowingCallable verify = () -> {
                if (!tx.inputStates(CashState.class).isEmpty() || !tx.outputStates(CashState.class).isEmpty()
                        || !tx.commandsOfType(CashCommand.class).isEmpty()) {
                    new CashContract().verify(tx);
                }
                if (!tx.outputStates(PaymentState.class).isEmpty() || !tx.commandsOfType(PaymentCommand.class).isEmpty()) {
                    new PaymentContract().verify(tx);
                }
            };
            assertThatThrownBy(verify).isInstanceOf(ContractViolationException.class)
                    .hasMessage("Failed requirement: " + rule);
        }

        private static String contractOf(ContractState state) {
            return state instanceof PaymentState ? PaymentContract.NAME : CashContract.NAME;
        }
    }
}
