package io.clearline.ops.metrics;

import io.clearline.core.liquidity.api.FindQueueQuery;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.liquidity.api.QueuedPaymentView;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantStatus;
import io.clearline.core.participant.api.ParticipantView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final String DEPTH = "clearline.queue.depth";
    private static final String OLDEST_AGE = "clearline.queue.oldest.age";

    /** One participant's two series, registered once and then only updated. */
    private record QueueSeries(GaugeValue depth, Gauge depthGauge, GaugeValue oldestAge, Gauge oldestAgeGauge) {
    }

    private final MeterRegistry registry;
    private final QueryGateway queries;
    private final Clock clock;
    /** By BIC. Only the refresh thread changes it; scrapes read the gauges, never this map. */
    private final Map<String, QueueSeries> series = new HashMap<>();

    QueueGauges(MeterRegistry registry, QueryGateway queries, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Updates each measured participant's figures in place and removes the series of one no longer
     * measured. Not MultiGauge's overwrite: it removes and re-registers every row, and a Prometheus scrape
     * that runs meanwhile can see a row twice and fail with "duplicate labels" (micrometer#6851).
     */
    synchronized void refresh() {
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
        Map<String, QueueView> queues = new HashMap<>();
        // Every query first: a refresh that times out half-way changes no figure.
        for (ParticipantView participant : measured) {
            queues.put(participant.bic().value(), queries.query(new FindQueueQuery(participant.bic()),
                            ResponseTypes.instanceOf(QueueView.class))
                    .orTimeout(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join());
        }
        queues.forEach((bic, queue) -> {
            QueueSeries figures = series.computeIfAbsent(bic, this::register);
            figures.depth().set(queue.payments().size());
            figures.oldestAge().set(oldestWaitingSeconds(queue, now));
        });
        series.entrySet().removeIf(entry -> {
            if (queues.containsKey(entry.getKey())) {
                return false;
            }
            registry.remove(entry.getValue().depthGauge());
            registry.remove(entry.getValue().oldestAgeGauge());
            return true;
        });
    }

    private QueueSeries register(String bic) {
        GaugeValue depth = new GaugeValue();
        GaugeValue oldestAge = new GaugeValue();
        Gauge depthGauge = Gauge.builder(DEPTH, depth, GaugeValue::value)
                .description("Queued outgoing payments of a participant, held ones included")
                .tag("bic", bic)
                .register(registry);
        Gauge oldestAgeGauge = Gauge.builder(OLDEST_AGE, oldestAge, GaugeValue::value)
                .description("How long the participant's oldest queued payment that is not held has waited")
                .baseUnit("seconds")
                .tag("bic", bic)
                .register(registry);
        return new QueueSeries(depth, depthGauge, oldestAge, oldestAgeGauge);
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
