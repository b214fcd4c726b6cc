package io.clearline.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The operations kit in {@code ops/monitoring/} and {@code ops/runbooks/} holds together: the alert
 * rules are a Prometheus rule file, every alert points to a runbook that exists and says what the alert
 * means, how to look and what to do, and the dashboard is a Grafana dashboard whose panels all query.
 * (That the metrics they name are exported is PrometheusMetricsTest's business.)
 */
class MonitoringKitTest {
    /** Surefire runs in the module's folder; the runbook paths in the rules are from the repository's root. */
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPOSITORY = MODULE.getParent();
    private static final Path ALERT_RULES = MODULE.resolve("monitoring/prometheus-alerts.yml");
    private static final Path DASHBOARD = MODULE.resolve("monitoring/grafana-dashboard.json");
    private static final List<String> ALERTS_REQUIRED = List.of("ClearlineQueueAgeHigh", "ClearlineFlowsParked",
            "ClearlineAuditNotClean", "ClearlinePaymentsRejectedRateHigh", "ClearlineNodeNotReady",
            "ClearlineNotaryUnavailable", "ClearlineNotaryReplicaLagging", "ClearlineTransportBacklogHigh");

    @Test
    void alertRulesAreAPrometheusRuleFileWithTheRequiredAlerts() throws IOException {
        List<Map<String, Object>> rules = alertRules();

        assertThat(rules).extracting(rule -> rule.get("alert")).containsAll(ALERTS_REQUIRED).doesNotHaveDuplicates();
        for (Map<String, Object> rule : rules) {
            assertThat(rule).as("rule %s", rule.get("alert")).containsKeys("alert", "expr", "labels", "annotations");
            assertThat((String) rule.get("expr")).as("expr of %s", rule.get("alert")).contains("clearline_");
            assertThat(map(rule.get("labels"))).as("labels of %s", rule.get("alert")).containsKey("severity");
            assertThat(map(rule.get("annotations"))).as("annotations of %s", rule.get("alert"))
                    .containsKeys("summary", "description", "runbook_url");
        }
    }

    @Test
    void everyAlertPointsToItsOwnRunbookThatSaysWhatItMeansHowToLookAndWhatToDo() throws IOException {
        for (Map<String, Object> rule : alertRules()) {
            String alert = (String) rule.get("alert");
            String runbookUrl = (String) map(rule.get("annotations")).get("runbook_url");

            assertThat(runbookUrl).as("runbook of %s", alert).isEqualTo("ops/runbooks/" + alert + ".md");
            Path runbook = REPOSITORY.resolve(runbookUrl);
            assertThat(runbook).as("runbook of %s", alert).isRegularFile();
            assertThat(Files.readString(runbook)).as("runbook of %s", alert)
                    .startsWith("# " + alert)
                    .contains("## What it means", "## How to look", "## What to do");
        }
    }

    @Test
    void dashboardIsAGrafanaDashboardWhosePanelsAllQueryClearlineMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        List<JsonNode> queried = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("gridPos").isObject()).as("gridPos of %s", panel.path("title")).isTrue();
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("targets")).as("targets of %s", panel.path("title")).isNotEmpty();
                panel.path("targets").forEach(queried::add);
            }
        }
        assertThat(queried).isNotEmpty().allSatisfy(target -> assertThat(target.path("expr").asText())
                .contains("clearline_"));
    }

    private static List<Map<String, Object>> alertRules() throws IOException {
        Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(ALERT_RULES));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : (List<?>) map(parsed).get("groups")) {
            assertThat(map(group)).containsKeys("name", "rules");
            for (Object rule : (List<?>) map(group).get("rules")) {
                rules.add(map(rule));
            }
        }
        assertThat(rules).isNotEmpty();
        return rules;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }
}
