package io.clearline.flows.notary.raft;

import static io.clearline.flows.notary.raft.RaftNotaryTesting.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.CanonicalWriter;
import io.clearline.flows.ledger.TimeWindow;
import io.clearline.flows.ledger.UniquenessService;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RaftNotaryCodecTest {
    private static final Instant T = Instant.parse("2025-03-14T09:00:00.123456Z");

    @Test
    void aLogEntryReadsBackAsWrittenWithTheLeadersTimeAndEveryKindOfWindow() {
        NotaryLogEntry entry = new NotaryLogEntry(T, List.of(
                new CommitRequest("A", List.of(state("a", 0), state("a", 1)), List.of(state("r", 0)), null),
                new CommitRequest("B", List.of(), List.of(), TimeWindow.until(T)),
                new CommitRequest("C", List.of(state("c", 0)), List.of(), new TimeWindow(T, null)),
                new CommitRequest("D", List.of(state("d", 0)), List.of(), new TimeWindow(T, T.plusSeconds(1)))));

        assertThat(RaftNotaryCodec.decodeEntry(RaftNotaryCodec.encodeEntry(entry))).isEqualTo(entry);
    }

    @Test
    void everyKindOfOutcomeReadsBackAsWritten() {
        List<CommitOutcome> outcomes = List.of(new CommitOutcome.Committed(T),
                new CommitOutcome.Conflict(Map.of(state("x", 0), "A", state("y", 3), "B")),
                new CommitOutcome.OutsideTimeWindow(T));

        assertThat(RaftNotaryCodec.decodeReply(RaftNotaryCodec.encodeReply(RaftNotaryCodec.Reply.unsigned(outcomes)))
                .outcomes()).isEqualTo(outcomes);
    }

    @Test
    void aSignedReplyReadsBackWithItsKeyAndSignature() {
        NotaryServiceKey key = NotaryServiceKey.generate();
        byte[] signature = key.signBatch(List.of("A"));
        RaftNotaryCodec.Reply reply = RaftNotaryCodec.decodeReply(RaftNotaryCodec.encodeReply(new RaftNotaryCodec.Reply(
                List.of(new CommitOutcome.Committed(T)), key.publicKey(), signature)));

        assertThat(reply.signedBy()).isEqualTo(key.publicKey());
        assertThat(reply.signature()).isEqualTo(signature);
    }

    @Test
    void aMessageOfAnotherFormatVersionIsRefusedNotGuessedAt() {
        byte[] future = new CanonicalWriter().writeInt(RaftNotaryCodec.FORMAT_VERSION + 1).writeInt(0).toByteArray();

        assertThatThrownBy(() -> RaftNotaryCodec.decodeRequests(future))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format " + (RaftNotaryCodec.FORMAT_VERSION + 1));
    }

    @Test
    void moreRequestsThanOneLogEntryHoldsAreRefusedBeforeAnythingIsSent() {
        List<CommitRequest> tooMany = Collections.nCopies(RaftNotaryCodec.REQUESTS_PER_ENTRY_MAX + 1,
                CommitRequest.ofInputs("A", List.of()));

        assertThatThrownBy(() -> RaftNotaryCodec.encodeRequests(tooMany))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than " + RaftNotaryCodec.REQUESTS_PER_ENTRY_MAX);
    }

    @Test
    void aTransactionIdLongerThanTheReplicasKeepIsRefusedOnTheClient() {
        assertThatThrownBy(() -> CommitRequest.ofInputs("x".repeat(CommitRequest.TRANSACTION_ID_LENGTH_MAX + 1),
                List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to " + CommitRequest.TRANSACTION_ID_LENGTH_MAX + " characters");
    }

    @Test
    void aCommitmentQueryAndItsAnswerReadBackAsWrittenAndAQueryAboutTwoTransactionsIsRefused() {
        CommitRequest asked = RaftNotaryCodec.decodeCommitmentQuery(
                RaftNotaryCodec.encodeCommitmentQuery("A", List.of(state("a", 0), state("a", 1))));
        assertThat(asked.transactionId()).isEqualTo("A");
        assertThat(asked.inputs()).containsExactly(state("a", 0), state("a", 1));
        for (UniquenessService.Commitment commitment : UniquenessService.Commitment.values()) {
            assertThat(RaftNotaryCodec.decodeCommitment(RaftNotaryCodec.encodeCommitment(commitment)))
                    .isEqualTo(commitment);
        }

        byte[] twoRequests = RaftNotaryCodec.encodeRequests(List.of(CommitRequest.ofInputs("A", List.of(state("a", 0))),
                CommitRequest.ofInputs("B", List.of(state("b", 0)))));
        assertThatThrownBy(() -> RaftNotaryCodec.decodeCommitmentQuery(twoRequests))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one transaction, not 2");
        byte[] unknownAnswer = new CanonicalWriter().writeInt(RaftNotaryCodec.FORMAT_VERSION).writeString("MAYBE")
                .toByteArray();
        assertThatThrownBy(() -> RaftNotaryCodec.decodeCommitment(unknownAnswer))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MAYBE");
    }
}
