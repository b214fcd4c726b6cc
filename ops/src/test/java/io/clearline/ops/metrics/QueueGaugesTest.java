package io.clearline.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.FindQueueQuery;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.liquidity.api.QueuedPaymentView;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantStatus;
import io.clearline.core.participant.api.ParticipantView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

/**
 * Queue series are registered once per participant and then updated in place (a scrape never meets a
 * series being re-registered), and a participant that leaves takes its series with it.
 */
class QueueGaugesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Bic ECHO = Bic.of("ECHOEUEEXXX");
    private static final Bic FOXT = Bic.of("FOXTEUFFXXX");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final QueryGateway queries = mock(QueryGateway.class);
    private final QueueGauges gauges = new QueueGauges(registry, queries, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aParticipantsSeriesIsUpdatedInPlaceAndRemovedWithIt() {
        answer(List.of(participant(ECHO, ParticipantStatus.ACTIVE), participant(FOXT, ParticipantStatus.ACTIVE)),
                Map.of(ECHO, queue(ECHO, 2), FOXT, queue(FOXT, 0)));
        gauges.refresh();
        Gauge echoDepth = depth(ECHO);
        assertThat(echoDepth.value()).isEqualTo(2.0);
        assertThat(depth(FOXT).value()).isZero();
        assertThat(registry.get("clearline.queue.oldest.age").tag("bic", ECHO.value()).gauge().value())
                .isEqualTo(60.0);

        answer(List.of(participant(ECHO, ParticipantStatus.ACTIVE), participant(FOXT, ParticipantStatus.REMOVED)),
                Map.of(ECHO, queue(ECHO, 5)));
        gauges.refresh();

        assertThat(depth(ECHO)).isSameAs(echoDepth);
        assertThat(echoDepth.value()).isEqualTo(5.0);
        assertThat(registry.find("clearline.queue.depth").tag("bic", FOXT.value()).gauge()).isNull();
        assertThat(registry.find("clearline.queue.oldest.age").tag("bic", FOXT.value()).gauge()).isNull();
    }

    private Gauge depth(Bic bic) {
        return registry.get("clearline.queue.depth").tag("bic", bic.value()).gauge();
    }

    @SuppressWarnings("unchecked")
    private void answer(List<ParticipantView> participants, Map<Bic, QueueView> queues) {
        when(queries.query(any(ListParticipantsQuery.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(participants));
        queues.forEach((bic, queue) -> when(queries.query(
                        argThat((Object query) -> query instanceof FindQueueQuery find && find.bic().equals(bic)),
                        any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(queue)));
    }

    private static ParticipantView participant(Bic bic, ParticipantStatus status) {
        return new ParticipantView(bic, bic.value(), status, NOW.minusSeconds(86_400));
    }

    /** {@code payments} queued, the oldest a minute ago. */
    private static QueueView queue(Bic bic, int payments) {
        List<QueuedPaymentView> queued = java.util.stream.IntStream.range(0, payments)
                .mapToObj(i -> new QueuedPaymentView(Uetr.of(UUID.randomUUID().toString()), Money.of(1_000, "EUR"),
                        PaymentPriority.NORMAL, false, NOW.minusSeconds(60 - i)))
                .toList();
        return new QueueView(bic, queued, Set.of());
    }
}
