package io.clearline.flows.runtime;

import io.clearline.flows.ledger.SoftLocks;
import io.clearline.flows.ledger.StateRef;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/** One run of one flow: replays {@code journal} in order, then executes and journals. Not thread-safe: one flow, one thread. */
final class JournaledContext implements FlowContext {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String flowId;
    private final int attempt;
    private final UUID softLockId;
    private final List<JournalEntry> journal;
    private final List<JournalEntry> unwritten = new ArrayList<>();
    private final FlowCheckpoints checkpoints;
    private final SoftLocks softLocks;
    private final Clock clock;
    private final int journalEntriesMax;
    private final Supplier<String> killReason;
    private int nextSequenceNumber;

    JournaledContext(String flowId, int attempt, List<JournalEntry> journal, FlowCheckpoints checkpoints,
                     SoftLocks softLocks, Clock clock, int journalEntriesMax, Supplier<String> killReason) {
        this.flowId = flowId;
        this.attempt = attempt;
        this.softLockId = FlowRunner.softLockIdOf(flowId);
        this.journal = List.copyOf(journal);
        this.checkpoints = checkpoints;
        this.softLocks = softLocks;
        this.clock = clock;
        this.journalEntriesMax = journalEntriesMax;
        this.killReason = killReason;
        if (this.journal.size() > journalEntriesMax) {
            throw new FlowJournalException("flow " + flowId + " has more than " + journalEntriesMax + " journal entries");
        }
        for (int i = 0; i < this.journal.size(); i++) {
            if (this.journal.get(i).sequenceNumber() != i) {
                throw new FlowJournalException("flow " + flowId + "'s journal has a gap at entry " + i);
            }
        }
    }

    @Override
    public String flowId() {
        return flowId;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public UUID softLockId() {
        return softLockId;
    }

    @Override
    public Instant now() {
        return local("now", FlowCodec.INSTANT, clock::instant);
    }

    @Override
    public String randomHex(int byteCount) {
        if (byteCount < 1 || byteCount > FlowRunner.RANDOM_BYTES_MAX) {
            throw new IllegalArgumentException("random bytes are between 1 and " + FlowRunner.RANDOM_BYTES_MAX
                    + ": " + byteCount);
        }
        return local("random", FlowCodec.STRING, () -> {
            byte[] bytes = new byte[byteCount];
            RANDOM.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        });
    }

    @Override
    public <T> T await(String stepName, FlowCodec<T> codec, Operation<T> operation) throws InterruptedException {
        JournalEntry replayed = beginStep(stepName);
        if (replayed != null) {
            return codec.decode(replayed.value());
        }
        String encoded = checkedLength(stepName, codec.encode(operation.run()));
        JournalEntry entry = new JournalEntry(nextSequenceNumber, stepName, encoded);
        unwritten.add(entry);
        // Written before the flow goes on: whatever it does next may be seen outside, and a re-run must
        // then be fed this very result.
        writeUnwritten();
        nextSequenceNumber++;
        return codec.decode(encoded);
    }

    @Override
    public <T> T lockStates(String stepName, FlowCodec<T> codec, Operation<T> select,
                            Function<T, Collection<StateRef>> lockedRefs) throws InterruptedException {
        JournalEntry replayed = beginStep(stepName);
        if (replayed != null) {
            T selection = codec.decode(replayed.value());
            // Locks live in memory: after a restart they are gone and are taken again; after a hospital
            // retry they are still ours and this refreshes them.
            lockedRefs.apply(selection).forEach(ref -> softLocks.tryLock(ref, softLockId));
            return selection;
        }
        T selection = select.run();
        for (StateRef ref : lockedRefs.apply(selection)) {
            if (!softLocks.isLockedBy(ref, softLockId)) {
                throw new IllegalStateException("flow " + flowId + " selected " + ref
                        + " without locking it under its soft-lock id " + softLockId);
            }
        }
        String encoded = checkedLength(stepName, codec.encode(selection));
        unwritten.add(new JournalEntry(nextSequenceNumber, stepName, encoded));
        nextSequenceNumber++;
        return codec.decode(encoded);
    }

    /**
     * Writes entries kept back (see {@link FlowContext}); the runner calls it when the flow failed, so
     * that a hospital or operator retry replays them.
     */
    void writeUnwritten() {
        checkpoints.append(flowId, unwritten, clock.instant());
        unwritten.clear();
    }

    private <T> T local(String stepName, FlowCodec<T> codec, Supplier<T> value) {
        JournalEntry replayed = beginStep(stepName);
        if (replayed != null) {
            return codec.decode(replayed.value());
        }
        String encoded = checkedLength(stepName, codec.encode(value.get()));
        unwritten.add(new JournalEntry(nextSequenceNumber, stepName, encoded));
        nextSequenceNumber++;
        return codec.decode(encoded);
    }

    private String checkedLength(String stepName, String encoded) {
        if (encoded.length() > FlowRunner.JOURNAL_VALUE_CHARS_MAX) {
            throw new FlowJournalException("flow " + flowId + "'s step '" + stepName + "' answered " + encoded.length()
                    + " characters, more than the journal keeps (" + FlowRunner.JOURNAL_VALUE_CHARS_MAX + ")");
        }
        return encoded;
    }

    /** The journal's entry for this step when replaying (and moves past it), or null on new ground. */
    private JournalEntry beginStep(String stepName) {
        String killedBecause = killReason.get();
        if (killedBecause != null) {
            throw new FlowKilledException(flowId, killedBecause);
        }
        if (stepName == null || stepName.isBlank() || stepName.length() > FlowRunner.STEP_NAME_CHARS_MAX) {
            throw new IllegalArgumentException("a step name is 1 to " + FlowRunner.STEP_NAME_CHARS_MAX
                    + " characters: " + stepName);
        }
        if (nextSequenceNumber < journal.size()) {
            JournalEntry entry = journal.get(nextSequenceNumber);
            if (!entry.stepName().equals(stepName)) {
                throw new FlowJournalException("flow " + flowId + " asked for step '" + stepName + "' at position "
                        + nextSequenceNumber + " where its journal holds '" + entry.stepName()
                        + "': the flow is not deterministic");
            }
            nextSequenceNumber++;
            return entry;
        }
        if (nextSequenceNumber >= journalEntriesMax) {
            throw new FlowJournalException("flow " + flowId + " took more than " + journalEntriesMax + " steps");
        }
        return null;
    }
}
