package io.clearline.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The node's operations metrics on {@code /actuator/prometheus}, as Prometheus scrapes them: payments by
 * outcome and ISO reason, settlement latency, queue depth and age, gridlock runs, flows, the audit and
 * readiness. Counters are compared before and after, so the tests do not depend on one another.
 */
// Spring Boot's tests leave metrics export off unless asked: the node itself always has it on.
@AutoConfigureObservability(tracing = false)
class PrometheusMetricsTest extends DemoNodeTest {
    /** Admitted with nothing: everything it pays waits in its queue. */
    private static final String HOTEL = "HOTEEUHHXXX";
    /** Admitted with nothing, then given liquidity once its payment waits. */
    private static final String INDIA = "INDIEUIIXXX";
    /** A well-formed BIC that was never admitted. */
    private static final String UNKNOWN = "ZULUEUZZXXX";
    private static final Path MONITORING = Path.of("monitoring");
    private static final Pattern CLEARLINE_METRIC = Pattern.compile("\\bclearline_[a-z_]+\\b");

    @DynamicPropertySource
    static void refreshOften(DynamicPropertyRegistry registry) {
        // Only so the waits below are short; nothing here depends on how soon a refresh comes.
        registry.add("clearline.metrics.queue.refresh-interval", () -> "PT0.2S");
        registry.add("clearline.metrics.ledger.refresh-interval", () -> "PT0.2S");
    }

    @Test
    void metricsAnswerWithoutCredentials() throws Exception {
        HttpResponse<String> scrape = get(null, "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/plain"));
    }

    @Test
    void settledPaymentIsCountedAndItsLatencyMeasured() throws Exception {
        PrometheusScrape before = scrape();
        double settled = before.valueOrZero("clearline_payments_total", "outcome", "settled", "reason", "none");
        double measured = before.valueOrZero("clearline_settlement_latency_seconds_count", "path", "straight_through");

        String uetr = submitPayment(ALPHA, BRAVO, "10.00");
        awaitPaymentStatus(uetr, "SETTLED");

        awaitValue("clearline_payments_total", settled + 1, "outcome", "settled", "reason", "none");
        awaitValue("clearline_settlement_latency_seconds_count", measured + 1, "path", "straight_through");
        PrometheusScrape after = scrape();
        assertThat(after.value("clearline_settlement_latency_seconds_bucket", "path", "straight_through", "le", "+Inf"))
                .contains(measured + 1);
        assertThat(after.samples("clearline_settlement_latency_seconds_bucket")).extracting(sample -> sample.labels()
                .get("le")).contains("0.005", "1.0", "3600.0", "14400.0");
        assertThat(after.value("clearline_settlement_latency_seconds_sum", "path", "straight_through"))
                .hasValueSatisfying(sum -> assertThat(sum).isNotNegative());
        assertThat(after.value("clearline_settlement_latency_seconds_count", "path", "queued")).contains(
                before.valueOrZero("clearline_settlement_latency_seconds_count", "path", "queued"));
    }

    @Test
    void rejectedPaymentIsCountedWithItsIsoReason() throws Exception {
        double rejected = scrape().valueOrZero("clearline_payments_total", "outcome", "rejected", "reason", "CNOR");

        String uetr = submitPayment(ALPHA, UNKNOWN, "10.00");
        awaitPaymentStatus(uetr, "REJECTED");

        awaitValue("clearline_payments_total", rejected + 1, "outcome", "rejected", "reason", "CNOR");
    }

    @Test
    void queuedPaymentShowsInItsPayersQueueDepthAndAgeUntilCancelled() throws Exception {
        HttpResponse<String> admitted = postJson("operator", "/api/participants",
                "{\"bic\":\"" + HOTEL + "\",\"name\":\"Hotel Bank\"}");
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(201);
        PrometheusScrape before = scrape();
        double queued = before.valueOrZero("clearline_payments_total", "outcome", "queued", "reason", "AM04");
        double cancelled = before.valueOrZero("clearline_payments_total", "outcome", "cancelled", "reason", "NARR");

        String uetr = submitPayment(HOTEL, ALPHA, "10.00");
        awaitPaymentStatus(uetr, "QUEUED");

        awaitValue("clearline_payments_total", queued + 1, "outcome", "queued", "reason", "AM04");
        awaitValue("clearline_queue_depth", 1, "bic", HOTEL);
        assertThat(scrape().value("clearline_queue_oldest_age_seconds", "bic", HOTEL))
                .hasValueSatisfying(age -> assertThat(age).isNotNegative());
        assertThat(scrape().value("clearline_queue_depth", "bic", ALPHA)).contains(0.0);

        assertThat(post(HOTEL, "/api/payments/" + uetr + "/cancel").statusCode()).isEqualTo(200);
        awaitPaymentStatus(uetr, "CANCELLED");

        awaitValue("clearline_payments_total", cancelled + 1, "outcome", "cancelled", "reason", "NARR");
        awaitValue("clearline_queue_depth", 0, "bic", HOTEL);
        awaitValue("clearline_queue_oldest_age_seconds", 0, "bic", HOTEL);
    }

    @Test
    void paymentThatWaitedInTheQueueIsMeasuredApartFromStraightThroughOnes() throws Exception {
        HttpResponse<String> admitted = postJson("operator", "/api/participants",
                "{\"bic\":\"" + INDIA + "\",\"name\":\"India Bank\"}");
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(201);
        PrometheusScrape before = scrape();
        double queued = before.valueOrZero("clearline_settlement_latency_seconds_count", "path", "queued");
        double straightThrough = before.valueOrZero("clearline_settlement_latency_seconds_count", "path",
                "straight_through");
        String uetr = submitPayment(INDIA, ALPHA, "10.00");
        awaitPaymentStatus(uetr, "QUEUED");

        HttpResponse<String> pledged = postJson("operator", "/api/participants/" + INDIA + "/liquidity",
                "{\"direction\":\"PLEDGE\",\"amount\":\"100.00\",\"currency\":\"EUR\"}");
        assertThat(pledged.statusCode()).as(pledged.body()).isEqualTo(202);
        awaitPaymentStatus(uetr, "SETTLED");

        awaitValue("clearline_settlement_latency_seconds_count", queued + 1, "path", "queued");
        assertThat(scrape().value("clearline_settlement_latency_seconds_count", "path", "straight_through"))
                .contains(straightThrough);
    }

    @Test
    void gridlockRunIsCountedByItsOutcomeAndMode() throws Exception {
        PrometheusScrape before = scrape();

        HttpResponse<String> run = postJson("operator", "/api/lsm/runs", "{\"currency\":\"EUR\",\"mode\":\"FIFO\"}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
        Matcher outcome = Pattern.compile("\"outcome\":\"([A-Z_]+)\"").matcher(run.body());
        assertThat(outcome.find()).as(run.body()).isTrue();
        String label = outcome.group(1).toLowerCase(java.util.Locale.ROOT);

        awaitValue("clearline_gridlock_runs_total",
                before.valueOrZero("clearline_gridlock_runs_total", "outcome", label, "mode", "fifo") + 1,
                "outcome", label, "mode", "fifo");
    }

    @Test
    void nodeIsReadyItsAuditCleanAndNoFlowParked() {
        awaitValue("clearline_node_ready", 1);
        awaitValue("clearline_audit_clean", 1);
        awaitValue("clearline_flows", 0, "status", "parked");
        PrometheusScrape scrape = scrape();
        assertThat(scrape.value("clearline_flows", "status", "runnable")).isPresent();
        assertThat(scrape.value("clearline_flows_running")).isPresent();
        assertThat(scrape.value("clearline_metrics_refresh_failures_total", "source", "queues")).isPresent();
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsExported() throws Exception {
        // Counters appear with their first event: one settled payment and one gridlock run make them all.
        awaitPaymentStatus(submitPayment(ALPHA, BRAVO, "1.00"), "SETTLED");
        assertThat(postJson("operator", "/api/lsm/runs", "{\"currency\":\"EUR\"}").statusCode()).isEqualTo(201);
        Set<String> used = new TreeSet<>();
        for (String file : new String[] {"grafana-dashboard.json", "prometheus-alerts.yml"}) {
            Matcher names = CLEARLINE_METRIC.matcher(Files.readString(MONITORING.resolve(file)));
            while (names.find()) {
                used.add(names.group());
            }
        }
        assertThat(used).isNotEmpty();

        Eventually.until("every metric the monitoring kit uses on the scrape", () -> scrape().names().containsAll(used));
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.parse(body(null, "/actuator/prometheus"));
    }

    private void awaitValue(String name, double expected, String... labels) {
        Eventually.until(name + " " + java.util.List.of(labels) + " at " + expected, () -> {
            Optional<Double> value = scrape().value(name, labels);
            return value.isPresent() && value.get() == expected;
        });
    }
}
