package io.clearline.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class HandledOnceTest {
    private final HandledOnce handledOnce = new HandledOnce();

    @Test
    void anEventAtOrBeforeTheLastPositionHandledIsARedelivery() {
        assertThat(handledOnce.isNew(at(new GapAwareTrackingToken(1, Set.of())))).isTrue();
        assertThat(handledOnce.isNew(at(new GapAwareTrackingToken(2, Set.of())))).isTrue();

        assertThat(handledOnce.isNew(at(new GapAwareTrackingToken(1, Set.of())))).isFalse();
        assertThat(handledOnce.isNew(at(new GapAwareTrackingToken(2, Set.of())))).isFalse();
        assertThat(handledOnce.isNew(at(new GapAwareTrackingToken(3, Set.of())))).isTrue();
    }

    /** H2's sequence leaves a gap where a transaction was still writing: its event arrives later, and is new. */
    @Test
    void anEventFillingAGapBehindTheLastPositionHandledIsNew() {
        assertThat(handledOnce.isNew(at(new GapAwareTrackingToken(3, Set.of(2L))))).isTrue();

        assertThat(handledOnce.isNew(at(new GapAwareTrackingToken(3, Set.of())))).as("index 2, late").isTrue();
        assertThat(handledOnce.isNew(at(new GapAwareTrackingToken(3, Set.of())))).isFalse();
    }

    @Test
    void afterAResetEveryEventIsNewAgain() {
        handledOnce.isNew(at(new GapAwareTrackingToken(5, Set.of())));

        handledOnce.forget();

        assertThat(handledOnce.isNew(at(new GapAwareTrackingToken(1, Set.of())))).isTrue();
    }

    @Test
    void anEventWithoutAPositionIsAlwaysHandled() {
        handledOnce.isNew(at(new GapAwareTrackingToken(5, Set.of())));

        assertThat(handledOnce.isNew(GenericEventMessage.asEventMessage("published"))).isTrue();
        assertThat(handledOnce.isNew(GenericEventMessage.asEventMessage("published"))).isTrue();
    }

    private static TrackedEventMessage<?> at(TrackingToken position) {
        return new GenericTrackedEventMessage<>(position, GenericEventMessage.asEventMessage("event"));
    }
}
