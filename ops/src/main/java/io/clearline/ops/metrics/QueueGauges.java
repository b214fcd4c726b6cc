package io.clearline.ops.metrics;

import io.clearline.core.liquidity.api.FindQueueQuery;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.liquidity.api.QueuedPaymentView;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantStatus;
import io.clearline.core.participant.api.ParticipantView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each participant's payment queue, read from the core's queries on a schedule:
 * {@code clearline_queue_depth{bic}} counts queued outgoing payments, held ones included (they still
 * wait); {@code clearline_queue_oldest_age_seconds{bic}} is how long the oldest payment that is not held
 * has waited, 0 for a queue with none (a held payment waits because its bank wants it to, and must not
 * raise the queue-age alert). Removed participants are left out; a suspended one's frozen queue is not.
 */
final class QueueGauges {
    private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);
    /** How long one query may take before the refresh gives up and keeps the previous figures. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    /** Participants measured at most, in BIC order: a bound on the queries per refresh and on the series. */
    static final int PARTICIPANTS_MEASURED_MAX = 1_000;

    private final QueryGateway queries;
    private final Clock clock;
    private final MultiGauge depth;
    private final MultiGauge oldestAge;

    QueueGauges(MeterRegistry registry, QueryGateway queries, Clock clock) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.depth = MultiGauge.builder("clearline.queue.depth")
                .description("Queued outgoing payments of a participant, held ones included")
                .register(registry);
        this.oldestAge = MultiGauge.builder("clearline.queue.oldest.age")
                .description("How long the participant's oldest queued payment that is not held has waited")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Replaces every row at once, so a removed participant's series disappears. */
    void refresh() {
        List<ParticipantView> participants = queries.query(new ListParticipantsQuery(),
                        ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .orTimeout(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        List<ParticipantView> measured = participants.stream()
                .filter(participant -> participant.status() != ParticipantStatus.REMOVED)
                .limit(PARTICIPANTS_MEASURED_MAX)
                .toList();
        if (participants.size() > PARTICIPANTS_MEASURED_MAX) {
            LOG.warn("{} participants: queue metrics cover the first {} by BIC only", participants.size(),
                    PARTICIPANTS_MEASURED_MAX);
        }
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> depthRows = new ArrayList<>(measured.size());
        List<MultiGauge.Row<?>> ageRows = new ArrayList<>(measured.size());
        for (ParticipantView participant : measured) {
            QueueView queue = queries.query(new FindQueueQuery(participant.bic()), ResponseTypes.instanceOf(QueueView.class))
                    .orTimeout(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
            Tags bic = Tags.of("bic", participant.bic().value());
            depthRows.add(MultiGauge.Row.of(bic, queue.payments().size()));
            ageRows.add(MultiGauge.Row.of(bic, oldestWaitingSeconds(queue, now)));
        }
        depth.register(depthRows, true);
        oldestAge.register(ageRows, true);
    }

    static double oldestWaitingSeconds(QueueView queue, Instant now) {
        Instant oldest = null;
        for (QueuedPaymentView payment : queue.payments()) {
            if (!payment.held() && (oldest == null || payment.queuedAt().isBefore(oldest))) {
                oldest = payment.queuedAt();
            }
        }
        if (oldest == null || oldest.isAfter(now)) {
            return 0;
        }
        return Duration.between(oldest, now).toMillis() / 1_000.0;
    }
}
