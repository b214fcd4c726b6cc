package io.clearline.flows.ledger;

import java.util.List;
import java.util.Optional;

/** A transaction with its inputs resolved to states: what a contract's {@code verify} sees. */
public record LedgerTransaction(
        String id,
        List<StateAndRef> inputs,
        List<TransactionState> outputs,
        List<Command> commands,
        Party notary,
        Optional<TimeWindow> timeWindow) {

    public LedgerTransaction {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        commands = List.copyOf(commands);
    }

    public <T extends ContractState> List<T> inputStates(Class<T> type) {
        return inputs.stream().map(input -> input.state().data()).filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends ContractState> List<T> outputStates(Class<T> type) {
        return outputs.stream().map(TransactionState::data).filter(type::isInstance).map(type::cast).toList();
    }

    public List<Command> commandsOfType(Class<? extends CommandData> type) {
        return commands.stream().filter(command -> type.isInstance(command.value())).toList();
    }
}
