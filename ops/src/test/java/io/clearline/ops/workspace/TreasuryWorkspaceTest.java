package io.clearline.ops.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import io.clearline.ops.load.Pacs008Template;
import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The treasury workspace on a real node. In a real browser (Debian's chromium, headless): a treasury
 * user signs in through the form and watches its position change without a reload when a payment
 * settles; the operator sees every bank. Over plain HTTP: a treasury user sees only its own bank.
 *
 * <p>Without chromium and chromedriver the browser tests are skipped with a message; with
 * {@code -Dclearline.test.browser=required} (as CI runs them) a missing browser is a failure.
 */
class TreasuryWorkspaceTest extends DemoNodeTest {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String BROWSER_PROPERTY = "clearline.test.browser";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** A laptop screen. */
    private static final String WINDOW_SIZE = "1366,768";
    private static final By ALPHA_EUR_BALANCE =
            By.cssSelector("#bank-" + ALPHA + " tr[data-currency='EUR'] [data-field='balance']");

    @TempDir
    Path browserProfile;

    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void treasuryUsersPositionChangesOnTheOpenPageWhenAPaymentSettles() throws Exception {
        openBrowser();
        signIn(ALPHA);
        WebDriverWait wait = boundedWait();
        wait.until(page -> page.getCurrentUrl().endsWith("/workspace/banks/" + ALPHA));
        wait.until(page -> "live".equals(page.findElement(By.id("live-status")).getAttribute("data-state")));
        // Cells are read inside waits throughout: a live update may swap one out mid-read.
        String before = wait.until(page -> page.findElement(ALPHA_EUR_BALANCE).getText());
        assertThat(before).isEqualTo("10,000,000.00");
        // A reload would wipe this mark; it must survive the update.
        ((JavascriptExecutor) browser).executeScript("window.clearlineNotReloaded = true;");

        HttpResponse<String> accepted = submitPayment(ALPHA, BRAVO, "250.00");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        String after = wait.until(page -> {
            String shown = page.findElement(ALPHA_EUR_BALANCE).getText();
            return shown.equals(before) ? null : shown;
        });
        assertThat(after).isEqualTo("9,999,750.00");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.clearlineNotReloaded === true;"))
                .isEqualTo(Boolean.TRUE);
        wait.until(page -> page.findElement(By.cssSelector("#bank-" + ALPHA + " .payments")).getText()
                .contains(BRAVO));
        screenshot("workspace-alpha-bank.png");
    }

    @Test
    void operatorSeesEveryBankOnOnePage() throws Exception {
        openBrowser();
        signIn("operator");
        WebDriverWait wait = boundedWait();
        // Live updates replace the rows, so the ids are read inside the wait: a row swapped out
        // between finding it and reading it makes that attempt stale, and the wait tries again.
        List<String> banks = wait.until(page -> {
            List<String> ids = page.findElements(By.cssSelector("tbody.bank")).stream()
                    .map(element -> element.getDomAttribute("id")).toList();
            return ids.size() >= 4 ? ids : null;
        });
        assertThat(banks).contains("bank-" + ALPHA, "bank-" + BRAVO, "bank-CHRLEUCCXXX", "bank-DELTEUDDXXX");
        wait.until(page -> "live".equals(page.findElement(By.id("live-status")).getAttribute("data-state")));
        screenshot("workspace-operator.png");
    }

    // Who sees what is checked over plain HTTP with a session cookie, so it runs without a browser too.

    @Test
    void treasuryUserSeesOnlyItsOwnBank() throws Exception {
        HttpClient alpha = signedInClient(ALPHA);
        assertThat(get(alpha, "/workspace").headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/workspace/banks/" + ALPHA));
        HttpResponse<String> own = get(alpha, "/workspace/banks/" + ALPHA);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("Alpha Bank").doesNotContain("Bravo Bank");
        assertThat(get(alpha, "/workspace/banks/" + BRAVO).statusCode()).isEqualTo(403);
        assertThat(get(alpha, "/workspace/events?bank=" + BRAVO).statusCode()).isEqualTo(403);
        assertThat(get(alpha, "/workspace/events").statusCode()).isEqualTo(403);
    }

    @Test
    void regulatorSeesEveryBank() throws Exception {
        HttpResponse<String> overview = get(signedInClient("regulator"), "/workspace");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("Alpha Bank", "Bravo Bank", "Charlie Bank", "Delta Bank");
    }

    @Test
    void workspaceNeedsASignedInUser() throws Exception {
        HttpResponse<String> anonymous = get(HttpClient.newHttpClient(), "/workspace/banks/" + ALPHA);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/login"));
    }

    @Test
    void signInWithoutTheCsrfTokenIsRefused() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        get(client, "/login");
        HttpResponse<String> response = postForm(client, "/login", "username=" + ALPHA + "&password=demo");
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void apiStaysHttpBasicWithoutASession() throws Exception {
        HttpResponse<String> response = get(HttpClient.newHttpClient(), "/api/positions/" + ALPHA);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    private HttpClient signedInClient(String user) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        Matcher token = CSRF_FIELD.matcher(get(client, "/login").body());
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        HttpResponse<String> signedIn = postForm(client, "/login", "username=" + user + "&password=demo&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .doesNotContain("error"));
        return client;
    }

    private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url(path))).GET()
                // An event stream answers 200 and stays open; only its status matters here.
                .timeout(Eventually.WAIT_MAX).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(HttpClient client, String path, String form)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void openBrowser() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "chromium or chromedriver is missing (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): install Debian's chromium and chromium-driver to run the workspace in a browser";
        if (!present && "required".equals(System.getProperty(BROWSER_PROPERTY))) {
            fail(missing + "; -D" + BROWSER_PROPERTY + "=required makes this a failure");
        }
        assumeTrue(present, missing);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + browserProfile, "--window-size=" + WINDOW_SIZE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    private void signIn(String user) {
        browser.get(url("/workspace"));
        boundedWait().until(page -> page.getCurrentUrl().contains("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("form button[type='submit']")).click();
    }

    /** Bounded, and never asserted on: a loaded machine may take its time. */
    private WebDriverWait boundedWait() {
        WebDriverWait wait = new WebDriverWait(browser, Eventually.WAIT_MAX);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private HttpResponse<String> submitPayment(String payer, String payee, String amount)
            throws IOException, InterruptedException {
        String uetr = UUID.randomUUID().toString();
        String xml = Pacs008Template.creditTransfer("WS-" + uetr.substring(0, 8), uetr, payer, payee, amount, "EUR",
                LocalDate.now());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/iso20022/messages")))
                .header("Content-Type", "application/xml")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((payer + ":demo").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
