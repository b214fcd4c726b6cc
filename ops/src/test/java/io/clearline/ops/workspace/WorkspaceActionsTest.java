package io.clearline.ops.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clearline.ops.Eventually;
import io.clearline.ops.load.Pacs008Template;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What people do in the workspace, on a real node: a treasury user holds a queued payment from its
 * bank's page, and the operator runs gridlock resolution and suspends a bank from the network page;
 * the regulator reads the same pages without a single button, and a bank's user never reaches the
 * network page. In a real browser where the page's live updates matter, over plain HTTP otherwise.
 */
class WorkspaceActionsTest extends WorkspaceTest {
    private static final String CHARLIE = "CHRLEUCCXXX";
    /** Above any demo bank's opening balance: it waits in the queue. */
    private static final String BEYOND_A_BIG_BANKS_BALANCE = "12000000.00";
    /** Delta Bank opens with 1,000.00. */
    private static final String BEYOND_DELTAS_BALANCE = "5000.00";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void treasuryHoldsAQueuedPaymentFromThePageAndSeesItHeldWithoutAReload() throws Exception {
        String uetr = queuedPayment(DELTA, ALPHA, BEYOND_DELTAS_BALANCE);
        HttpResponse<String> limit = send(DELTA, HttpRequest.newBuilder(uri("/api/participants/" + DELTA
                        + "/limits/bilateral/" + CHARLIE)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"amount\":\"500.00\",\"currency\":\"EUR\"}")));
        assertThat(limit.statusCode()).as(limit.body()).isEqualTo(200);
        browser = WorkspaceBrowser.open(url(""), browserProfile);
        browser.signIn(DELTA);
        WebDriverWait wait = browser.boundedWait();
        wait.until(page -> page.getCurrentUrl().endsWith("/workspace/banks/" + DELTA));
        browser.awaitLive();
        By row = By.cssSelector("#bank-" + DELTA + " tr[data-uetr='" + uetr + "']");
        // Rows are found and read inside waits: a live update may replace them at any moment.
        String before = wait.until(page -> page.findElement(row).getText());
        assertThat(before).contains("5,000.00", ALPHA, "NORMAL").doesNotContainIgnoringCase("held");
        browser.markPage();

        wait.until(page -> {
            page.findElement(row).findElement(By.cssSelector("button[data-action='hold']")).click();
            return true;
        });

        String held = wait.until(page -> {
            WebElement shown = page.findElement(row);
            return "true".equals(shown.getDomAttribute("data-held")) ? shown.getText() : null;
        });
        assertThat(held).containsIgnoringCase("held");
        wait.until(page -> page.findElement(row).findElements(By.cssSelector("button[data-action='release']")).size() == 1);
        String notice = wait.until(page -> page.findElement(By.id("notice")).getText());
        assertThat(notice).contains("Held");
        assertThat(browser.stillTheMarkedPage()).as("updated without a reload").isTrue();
        assertThat(isHeld(uetr)).isTrue();
        String limits = wait.until(page -> page.findElement(By.cssSelector("#bank-" + DELTA + " table.limits")).getText());
        assertThat(limits).contains(CHARLIE, "500.00");
        // The intraday chart is drawn by the node's own copy of Chart.js.
        Boolean chartDrawn = wait.until(page -> Boolean.TRUE.equals(browser.script(
                "var canvas = document.querySelector('figure.intraday canvas');"
                        + " return !!(canvas && window.Chart && window.Chart.getChart(canvas));")) ? Boolean.TRUE : null);
        assertThat(chartDrawn).isTrue();
        browser.screenshot("workspace-delta-queue-held.png");

        assertThat(post(DELTA, "/api/payments/" + uetr + "/cancel").statusCode()).isEqualTo(200);
    }

    @Test
    void operatorRunsGridlockResolutionFromThePageAndSeesTheNewRun() throws Exception {
        // Charlie and Bravo each owe the other more than they hold: neither settles alone, both together.
        String charlieToBravo = queuedPayment(CHARLIE, BRAVO, BEYOND_A_BIG_BANKS_BALANCE);
        String bravoToCharlie = queuedPayment(BRAVO, CHARLIE, BEYOND_A_BIG_BANKS_BALANCE);
        browser = WorkspaceBrowser.open(url(""), browserProfile);
        browser.signIn("operator");
        WebDriverWait wait = browser.boundedWait();
        wait.until(page -> page.getCurrentUrl().endsWith("/workspace/network"));
        browser.awaitLive();
        Set<String> runsBefore = Set.copyOf(wait.until(page -> runIds(page.findElements(By.cssSelector("tr.run")))));
        browser.markPage();

        browser.driver().findElement(By.id("run-gridlock-resolution")).click();

        String newRun = wait.until(page -> page.findElements(By.cssSelector("tr.run")).stream()
                .filter(run -> !runsBefore.contains(run.getDomAttribute("data-run-id")))
                .map(WebElement::getText).findFirst().orElse(null));
        assertThat(newRun).contains("SETTLED", "FIFO", "24,000,000.00");
        String notice = wait.until(page -> page.findElement(By.id("notice")).getText());
        assertThat(notice).contains("SETTLED");
        assertThat(browser.stillTheMarkedPage()).as("updated without a reload").isTrue();
        Eventually.until("both payments settled together", () ->
                body(CHARLIE, "/api/payments/" + charlieToBravo).contains("\"status\":\"SETTLED\"")
                        && body(BRAVO, "/api/payments/" + bravoToCharlie).contains("\"status\":\"SETTLED\""));
        browser.screenshot("workspace-operator-gridlock-run.png");
    }

    @Test
    void regulatorSeesTheNetworkAndTheAuditsVerdictReadOnlyInTheBrowser() throws Exception {
        browser = WorkspaceBrowser.open(url(""), browserProfile);
        browser.signIn("regulator");
        WebDriverWait wait = browser.boundedWait();
        wait.until(page -> page.getCurrentUrl().endsWith("/workspace/network"));
        browser.awaitLive();
        // The verdict is fetched by htmx once the page has loaded: proof that htmx runs under the page's policy.
        String verdict = wait.until(page -> page.findElement(By.cssSelector("#audit-panel [data-field='verdict']"))
                .getText());
        assertThat(verdict).isIn("CLEAN", "FAILURES");
        List<String> buttons = wait.until(page -> page.findElements(By.tagName("button")).stream()
                .map(WebElement::getText).toList());
        assertThat(buttons).as("the only button is the one that signs out").containsExactly("Sign out");
        browser.screenshot("workspace-regulator.png");
    }

    @Test
    void regulatorReadsTheNetworkAndTheAuditWithoutASingleActionButton() throws Exception {
        WorkspaceSession regulator = WorkspaceSession.signIn(url(""), "regulator");
        HttpResponse<String> network = regulator.get("/workspace/network");
        assertThat(network.statusCode()).isEqualTo(200);
        assertThat(network.body()).contains("Alpha Bank", "Delta Bank", "System liquidity EUR", "Queue depth",
                "Latest gridlock runs", "Instant audit");
        assertThat(network.body()).doesNotContain("hx-post", "data-action", "Run gridlock resolution now");
        HttpResponse<String> bank = regulator.get("/workspace/banks/" + ALPHA);
        assertThat(bank.statusCode()).isEqualTo(200);
        assertThat(bank.body()).contains("Queue", "Limits", "Intraday liquidity").doesNotContain("hx-post", "data-action");

        HttpResponse<String> audit = regulator.get("/workspace/network/audit");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("data-field=\"verdict\"", "transactions verified");

        assertThat(regulator.act("/workspace/network", "/workspace/network/gridlock-runs", "mode=FIFO").statusCode())
                .isEqualTo(403);
        assertThat(regulator.act("/workspace/network", "/workspace/network/banks/" + DELTA + "/suspend",
                "reason=test").statusCode()).isEqualTo(403);
    }

    @Test
    void bankUserCannotOpenTheNetworkPageNorActThere() throws Exception {
        WorkspaceSession alpha = WorkspaceSession.signIn(url(""), ALPHA);
        assertThat(alpha.get("/workspace/network").statusCode()).isEqualTo(403);
        assertThat(alpha.get("/workspace/network/audit").statusCode()).isEqualTo(403);
        String ownPage = "/workspace/banks/" + ALPHA;
        assertThat(alpha.act(ownPage, "/workspace/network/gridlock-runs", "mode=FIFO").statusCode()).isEqualTo(403);
        assertThat(alpha.act(ownPage, "/workspace/network/banks/" + BRAVO + "/suspend", "reason=rival").statusCode())
                .isEqualTo(403);
    }

    @Test
    void treasuryActsOnlyOnItsOwnQueue() throws Exception {
        String uetr = queuedPayment(DELTA, BRAVO, BEYOND_DELTAS_BALANCE);
        WorkspaceSession alpha = WorkspaceSession.signIn(url(""), ALPHA);
        String ownPage = "/workspace/banks/" + ALPHA;
        assertThat(alpha.act(ownPage, "/workspace/banks/" + DELTA + "/queue/" + uetr + "/hold", "").statusCode())
                .isEqualTo(403);
        assertThat(alpha.act(ownPage, "/workspace/banks/" + ALPHA + "/queue/" + uetr + "/hold", "").statusCode())
                .as("not in Alpha Bank's queue").isEqualTo(404);
        assertThat(isHeld(uetr)).isFalse();

        WorkspaceSession delta = WorkspaceSession.signIn(url(""), DELTA);
        String deltaPage = "/workspace/banks/" + DELTA;
        HttpResponse<String> raised = delta.act(deltaPage, "/workspace/banks/" + DELTA + "/queue/" + uetr + "/priority",
                "priority=HIGH");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
        Eventually.until("the payment raised to HIGH", () -> "HIGH".equals(queued(DELTA, uetr).get("priority")));
        HttpResponse<String> cancelled = delta.act(deltaPage, "/workspace/banks/" + DELTA + "/queue/" + uetr + "/cancel",
                "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        Eventually.until("the payment cancelled", () -> body(DELTA, "/api/payments/" + uetr)
                .contains("\"status\":\"CANCELLED\""));
        assertThat(delta.act(deltaPage, "/workspace/banks/" + DELTA + "/queue/" + uetr + "/hold", "").statusCode())
                .as("no longer queued").isEqualTo(409);
    }

    @Test
    void operatorAdmitsSuspendsAndReactivatesABankFromTheNetworkPage() throws Exception {
        String echo = "ECHOEUEEXXX";
        WorkspaceSession operator = WorkspaceSession.signIn(url(""), "operator");
        assertThat(operator.get("/workspace/network").body()).contains("id=\"admit-participant\"");
        assertThat(operator.act("/workspace/network", "/workspace/network/participants", "bic=ECHO&name=Echo")
                .statusCode()).as("not a BIC").isEqualTo(400);
        assertThat(operator.act("/workspace/network", "/workspace/network/participants", "bic=" + echo + "&name=")
                .statusCode()).as("a participant has a name").isEqualTo(400);
        WorkspaceSession regulator = WorkspaceSession.signIn(url(""), "regulator");
        assertThat(regulator.get("/workspace/network").body()).doesNotContain("admit-participant");
        assertThat(regulator.act("/workspace/network", "/workspace/network/participants", "bic=" + echo
                + "&name=Echo+Bank").statusCode()).isEqualTo(403);
        HttpResponse<String> admitted = operator.act("/workspace/network", "/workspace/network/participants",
                "bic=" + echo + "&name=Echo+Bank");
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(200);
        Eventually.until("Echo Bank admitted and shown", () -> operatorSeesStatus(echo, "ACTIVE"));
        Eventually.until("Echo Bank on the network page", () -> {
            try {
                return operator.get("/workspace/network").body().contains("Echo Bank");
            } catch (IOException | InterruptedException unreachable) {
                throw new AssertionError(unreachable);
            }
        });
        HttpResponse<String> form = operator.get("/workspace/network/banks/" + echo + "/suspension");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"reason\"");
        assertThat(operator.act("/workspace/network", "/workspace/network/banks/" + echo + "/suspend", "reason=")
                .statusCode()).as("a suspension gives its reason").isEqualTo(400);

        HttpResponse<String> suspended = operator.act("/workspace/network", "/workspace/network/banks/" + echo
                + "/suspend", "reason=" + URLEncoder.encode("missed the margin call", StandardCharsets.UTF_8));
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
        Eventually.until("Echo Bank suspended", () -> operatorSeesStatus(echo, "SUSPENDED"));
        HttpResponse<String> reactivated = operator.act("/workspace/network", "/workspace/network/banks/" + echo
                + "/reactivate", "");
        assertThat(reactivated.statusCode()).as(reactivated.body()).isEqualTo(200);
        Eventually.until("Echo Bank active again", () -> operatorSeesStatus(echo, "ACTIVE"));
    }

    @Test
    void operatorMovesTheBusinessDayFromTheNetworkPageAndTheRegulatorOnlyWatches() throws Exception {
        WorkspaceSession operator = WorkspaceSession.signIn(url(""), "operator");
        assertThat(operator.get("/workspace/network/business-day").body())
                .contains("No business day opened", "id=\"open-business-day\"");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin"));
        assertThat(operator.act("/workspace/network", "/workspace/network/business-day/close", "").statusCode())
                .as("nothing to close yet").isEqualTo(409);
        HttpResponse<String> opened = operator.act("/workspace/network", "/workspace/network/business-day/open",
                "date=" + today);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        Eventually.until("the day shown open", () -> {
            String panel = operatorPanel(operator);
            return panel.contains(today.toString()) && panel.contains("OPEN") && panel.contains("cut-off-business-day");
        });
        WorkspaceSession regulator = WorkspaceSession.signIn(url(""), "regulator");
        assertThat(regulator.get("/workspace/network/business-day").body()).contains(today.toString())
                .doesNotContain("<button");
        assertThat(regulator.act("/workspace/network", "/workspace/network/business-day/cut-off", "").statusCode())
                .isEqualTo(403);
        assertThat(operator.act("/workspace/network", "/workspace/network/business-day/customer-cut-off", "")
                .statusCode()).isEqualTo(200);
        Eventually.until("the day shown past its customer cut-off", () -> operatorPanel(operator)
                .contains("CUSTOMER_CUT_OFF"));
        assertThat(operator.act("/workspace/network", "/workspace/network/business-day/cut-off", "").statusCode())
                .isEqualTo(200);
        assertThat(operator.act("/workspace/network", "/workspace/network/business-day/close", "").statusCode())
                .isEqualTo(200);
        Eventually.until("the day shown closed", () -> operatorPanel(operator).contains("CLOSED"));
        // Leave the network open for the other tests here, which pay.
        assertThat(operator.act("/workspace/network", "/workspace/network/business-day/open",
                "date=" + today.plusDays(1)).statusCode()).isEqualTo(200);
        assertThat(WorkspaceSession.signIn(url(""), ALPHA).get("/workspace/network/business-day").statusCode())
                .isEqualTo(403);
    }

    private static String operatorPanel(WorkspaceSession operator) {
        try {
            return operator.get("/workspace/network/business-day").body();
        } catch (java.io.IOException | InterruptedException unreachable) {
            throw new AssertionError(unreachable);
        }
    }

    @Test
    void theNetworkPageListsParkedFlowsAndOnlyTheOperatorActsOnThem() throws Exception {
        WorkspaceSession operator = WorkspaceSession.signIn(url(""), "operator");
        assertThat(operator.get("/workspace/network/flows").body()).contains("No parked flows.");
        assertThat(operator.act("/workspace/network", "/workspace/network/flows/payment:unknown/retry", "")
                .statusCode()).isEqualTo(404);
        assertThat(operator.act("/workspace/network", "/workspace/network/flows/payment:unknown/kill", "reason=")
                .statusCode()).as("a kill gives its reason").isEqualTo(400);
        assertThat(operator.act("/workspace/network", "/workspace/network/flows/payment:unknown/kill",
                "reason=stuck").statusCode()).isEqualTo(404);
        WorkspaceSession regulator = WorkspaceSession.signIn(url(""), "regulator");
        assertThat(regulator.get("/workspace/network/flows").statusCode()).isEqualTo(200);
        assertThat(regulator.act("/workspace/network", "/workspace/network/flows/payment:unknown/retry", "")
                .statusCode()).isEqualTo(403);
        assertThat(WorkspaceSession.signIn(url(""), ALPHA).get("/workspace/network/flows").statusCode())
                .isEqualTo(403);
    }

    @Test
    void anActionWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        WorkspaceSession operator = WorkspaceSession.signIn(url(""), "operator");
        assertThat(operator.postForm("/workspace/network/gridlock-runs", "mode=FIFO").statusCode()).isEqualTo(403);
    }

    @Test
    void theWorkspacesScriptsComeFromTheNodeItself() throws Exception {
        WorkspaceSession anonymous = WorkspaceSession.anonymous(url(""));
        assertThat(anonymous.get("/workspace/assets/vendor/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/workspace/assets/vendor/chart.js/dist/chart.umd.js").statusCode()).isEqualTo(200);
    }

    private boolean operatorSeesStatus(String bic, String status) {
        try {
            List<Map<String, Object>> participants = JSON.readValue(body("operator", "/api/participants"),
                    new TypeReference<>() { });
            return participants.stream().anyMatch(participant -> bic.equals(participant.get("bic"))
                    && status.equals(participant.get("status")));
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    private boolean isHeld(String uetr) {
        return Boolean.TRUE.equals(queued(DELTA, uetr).get("held"));
    }

    /** The payment as its payer's queue shows it; empty when it is not queued. */
    private Map<String, Object> queued(String payer, String uetr) {
        try {
            Map<String, Object> queue = JSON.readValue(body(payer, "/api/queues/" + payer), new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> payments = (List<Map<String, Object>>) queue.get("payments");
            return payments.stream().filter(payment -> uetr.equals(payment.get("uetr"))).findFirst().orElse(Map.of());
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    /** Submits a payment the payer cannot cover and waits until it is in the payer's queue. */
    private String queuedPayment(String payer, String payee, String amount) throws IOException, InterruptedException {
        String uetr = UUID.randomUUID().toString();
        HttpResponse<String> accepted = postXml(payer, Pacs008Template.creditTransfer("WQ-" + uetr.substring(0, 8),
                uetr, payer, payee, amount, "EUR", LocalDate.now()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        Eventually.until("payment " + uetr + " queued", () -> body(payer, "/api/queues/" + payer).contains(uetr));
        return uetr;
    }

    private static List<String> runIds(List<WebElement> runs) {
        return runs.stream().map(run -> run.getDomAttribute("data-run-id")).toList();
    }
}
