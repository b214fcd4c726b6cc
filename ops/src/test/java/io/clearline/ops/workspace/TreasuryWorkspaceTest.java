package io.clearline.ops.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The treasury workspace on a real node. In a real browser (Debian's chromium, headless): a treasury
 * user signs in through the form and watches its position change without a reload when a payment
 * settles; the operator sees every bank. Over plain HTTP: a treasury user sees only its own bank.
 *
 * <p>Without chromium and chromedriver the browser tests are skipped with a message; with
 * {@code -Dclearline.test.browser=required} (as CI runs them) a missing browser is a failure.
 */
class TreasuryWorkspaceTest extends WorkspaceTest {
    private static final By ALPHA_EUR_BALANCE =
            By.cssSelector("#bank-" + ALPHA + " tr[data-currency='EUR'] [data-field='balance']");

    @Test
    void treasuryUsersPositionChangesOnTheOpenPageWhenAPaymentSettles() throws Exception {
        browser = WorkspaceBrowser.open(url(""), browserProfile);
        browser.signIn(ALPHA);
        WebDriverWait wait = browser.boundedWait();
        wait.until(page -> page.getCurrentUrl().endsWith("/workspace/banks/" + ALPHA));
        browser.awaitLive();
        // Cells are read inside waits throughout: a live update may swap one out mid-read.
        String before = wait.until(page -> page.findElement(ALPHA_EUR_BALANCE).getText());
        assertThat(before).isEqualTo("10,000,000.00");
        browser.markPage();

        submitPayment(ALPHA, BRAVO, "250.00");

        String after = wait.until(page -> {
            String shown = page.findElement(ALPHA_EUR_BALANCE).getText();
            return shown.equals(before) ? null : shown;
        });
        assertThat(after).isEqualTo("9,999,750.00");
        assertThat(browser.stillTheMarkedPage()).as("updated without a reload").isTrue();
        wait.until(page -> page.findElement(By.cssSelector("#bank-" + ALPHA + " .payments")).getText()
                .contains(BRAVO));
        By netTowardsBravo = By.cssSelector("#bank-" + ALPHA + " .net-positions tr[data-counterparty='" + BRAVO
                + "'] [data-field='net']");
        String net = wait.until(page -> page.findElement(netTowardsBravo).getText());
        assertThat(net).as("the bilateral net position towards Bravo, live").isEqualTo("\u2212250.00");
        browser.screenshot("workspace-alpha-bank.png");
    }

    @Test
    void operatorSeesEveryBankOnOnePage() throws Exception {
        browser = WorkspaceBrowser.open(url(""), browserProfile);
        browser.signIn("operator");
        WebDriverWait wait = browser.boundedWait();
        // Live updates replace the rows, so the ids are read inside the wait: a row swapped out
        // between finding it and reading it makes that attempt stale, and the wait tries again.
        List<String> banks = wait.until(page -> {
            List<String> ids = page.findElements(By.cssSelector("tbody.bank")).stream()
                    .map(element -> element.getDomAttribute("id")).toList();
            return ids.size() >= 4 ? ids : null;
        });
        assertThat(banks).contains("bank-" + ALPHA, "bank-" + BRAVO, "bank-CHRLEUCCXXX", "bank-DELTEUDDXXX");
        browser.awaitLive();
        browser.screenshot("workspace-operator.png");
    }

    // Who sees what is checked over plain HTTP with a session cookie, so it runs without a browser too.

    @Test
    void treasuryUserSeesOnlyItsOwnBank() throws Exception {
        WorkspaceSession alpha = WorkspaceSession.signIn(url(""), ALPHA);
        assertThat(alpha.get("/workspace").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/workspace/banks/" + ALPHA));
        HttpResponse<String> own = alpha.get("/workspace/banks/" + ALPHA);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("Alpha Bank").doesNotContain("Bravo Bank");
        assertThat(alpha.get("/workspace/banks/" + BRAVO).statusCode()).isEqualTo(403);
        assertThat(alpha.get("/workspace/events?bank=" + BRAVO).statusCode()).isEqualTo(403);
        assertThat(alpha.get("/workspace/events").statusCode()).isEqualTo(403);
    }

    @Test
    void regulatorSeesEveryBank() throws Exception {
        WorkspaceSession regulator = WorkspaceSession.signIn(url(""), "regulator");
        assertThat(regulator.get("/workspace").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/workspace/network"));
        HttpResponse<String> network = regulator.get("/workspace/network");
        assertThat(network.statusCode()).isEqualTo(200);
        assertThat(network.body()).contains("Alpha Bank", "Bravo Bank", "Charlie Bank", "Delta Bank");
    }

    @Test
    void workspaceNeedsASignedInUser() throws Exception {
        HttpResponse<String> anonymous = WorkspaceSession.anonymous(url("")).get("/workspace/banks/" + ALPHA);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/login"));
    }

    @Test
    void signInWithoutTheCsrfTokenIsRefused() throws Exception {
        WorkspaceSession session = WorkspaceSession.anonymous(url(""));
        session.get("/login");
        HttpResponse<String> response = session.postForm("/login", "username=" + ALPHA + "&password=demo");
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void apiStaysHttpBasicWithoutASession() throws Exception {
        HttpResponse<String> response = get(null, "/api/positions/" + ALPHA);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
