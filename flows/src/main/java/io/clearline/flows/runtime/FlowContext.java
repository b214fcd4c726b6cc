package io.clearline.flows.runtime;

import io.clearline.flows.ledger.StateRef;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Function;

/**
 * A running flow's suspending calls, each journaled in the node's database. On a re-run the calls
 * are answered from the journal, in order, without being executed again, until the flow asks for a
 * step beyond its journal; from there on they execute and are journaled as on a first run.
 *
 * <p>Each call names its step. A replayed call whose name differs from the journal's entry at that
 * position means the flow is not deterministic: it fails with {@link FlowJournalException} and is
 * parked. A flow journals at most the runner's journal limit of steps.
 *
 * <p>When entries reach the database: an {@link #await} result before {@code await} returns,
 * together with any earlier {@link #now}, {@link #randomHex} and {@link #lockStates} entries not yet
 * written. Those three touch nothing outside this process, so a crash that loses them before the next
 * {@code await} loses nothing anyone else saw; they are written on any failure the hospital handles,
 * too. This saves a database commit per step on the hot path.
 *
 * <p>Every call first checks whether an operator killed the flow and, if so, throws
 * {@link FlowKilledException}.
 */
public interface FlowContext {
    /** An external operation: a call to a peer, a service or a notary. May block. */
    @FunctionalInterface
    interface Operation<T> {
        T run() throws InterruptedException;
    }

    /** The id the flow runs under (its idempotency key). */
    String flowId();

    /** Which run of this flow this is: 1 for the first, more after retries, resumes and operator retries. */
    int attempt();

    /**
     * The soft-lock id of this flow, the same on every run and after a restart: states locked under
     * it are released when the flow ends or is killed.
     */
    UUID softLockId();

    /** The time, journaled: a replay sees the time of the first run. */
    Instant now();

    /** {@code byteCount} random bytes as lower-case hex, journaled (at most {@link FlowRunner#RANDOM_BYTES_MAX}). */
    String randomHex(int byteCount);

    /**
     * Runs {@code operation} once and journals its result; a replay returns the journaled result
     * without running it. A failure of the operation is not journaled: a re-run executes it again.
     *
     * @throws InterruptedException if the operation was interrupted
     */
    <T> T await(String stepName, FlowCodec<T> codec, Operation<T> operation) throws InterruptedException;

    /**
     * Selects and soft-locks states: {@code select} must lock what it returns under {@link #softLockId()}
     * (checked); {@code lockedRefs} says which states the result holds. A replay returns the journaled
     * selection and takes those locks again (as best it can: after a restart another flow may have
     * taken one, and then the notary decides which transaction spends it).
     *
     * @throws IllegalStateException if {@code select} returned a state not locked under this flow's id
     */
    <T> T lockStates(String stepName, FlowCodec<T> codec, Operation<T> select,
                     Function<T, Collection<StateRef>> lockedRefs) throws InterruptedException;

    /**
     * Opens a session from {@code localParty} (a party this node hosts) to {@code counterparty}: the
     * counterparty's node starts the responder registered for this flow's class (or, inside an
     * {@link #initiatingSubFlow}, the subflow's class). The session's id is journaled, so a replay
     * opens the same session. Nothing goes out until the flow's next write.
     *
     * @throws IllegalStateException if the runner has no transport ({@link FlowRunner#connect})
     * @throws IllegalArgumentException if the parties are one and the same, or the network map knows no
     *         node for the counterparty
     */
    FlowSession initiateFlow(String localParty, String counterparty);

    /**
     * Runs {@code subflow} as part of this flow: in this context, its step names prefixed with
     * {@code name + "/"}, its sessions initiated as this flow's (the counterparty's responder for this
     * flow answers them).
     */
    <T> T inlineSubFlow(String name, Flow<T> subflow) throws Exception;

    /**
     * As {@link #inlineSubFlow}, but the sessions {@code subflow} opens name its class as their initiator:
     * the counterparty starts the responder registered for that class. A subflow reused by many flows
     * (collecting signatures, say) thus has one responder.
     */
    <T> T initiatingSubFlow(String name, Flow<T> subflow) throws Exception;
}
