package io.clearline.core.liquidity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.junit.jupiter.api.Test;

class LiquidityAccountSnapshotterTest {
    private final SnapshotFilter filter = LiquidityAccountSnapshotter.currentRevisionsOnly();

    private static GenericDomainEventEntry<String> snapshot(String payloadType, String revision) {
        return new GenericDomainEventEntry<>("LiquidityAccount", "BANKAAAAXXX/EUR", 10, "id-1", "2026-11-24T09:00:00Z",
                payloadType, revision, "{}", "{}");
    }

    @Test
    void readsSnapshotsOfTheMementosCurrentRevision() {
        assertThat(filter.allow(snapshot(LiquidityAccountMemento.class.getName(), LiquidityAccountSnapshotter.MEMENTO_REVISION)))
                .isTrue();
    }

    @Test
    void skipsSnapshotsOfAnotherRevisionSoTheAccountIsReadFromItsFirstEvent() {
        assertThat(filter.allow(snapshot(LiquidityAccountMemento.class.getName(), null))).isFalse();
        assertThat(filter.allow(snapshot(LiquidityAccountMemento.class.getName(), "0"))).isFalse();
    }

    @Test
    void leavesOtherSnapshotsToOtherFilters() {
        assertThat(filter.allow(snapshot("io.clearline.core.payment.PaymentInstruction", null))).isTrue();
    }

    @Test
    void refusesAThresholdThatIsNotPositive() {
        assertThatThrownBy(() -> LiquidityAccountSnapshotter.trigger(null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
