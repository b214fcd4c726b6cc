package io.clearline.ops.workspace;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clearline.ops.Eventually;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * A real browser on the workspace: Debian's chromium, headless, at a laptop's screen size.
 *
 * <p>Without chromium and chromedriver a test that opens one is skipped with a message; with
 * {@code -Dclearline.test.browser=required} (as CI runs them) a missing browser is a failure.
 */
final class WorkspaceBrowser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String BROWSER_PROPERTY = "clearline.test.browser";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** A laptop screen. */
    private static final String WINDOW_SIZE = "1366,768";

    private final WebDriver driver;
    private final String baseUrl;

    private WorkspaceBrowser(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** @param profile an empty folder of the test's own, for the browser's profile */
    static WorkspaceBrowser open(String baseUrl, Path profile) {
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
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=" + WINDOW_SIZE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new WorkspaceBrowser(new ChromeDriver(service, options), baseUrl);
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens the workspace, is sent to the sign-in form, and signs in with the demo password. */
    void signIn(String user) {
        driver.get(baseUrl + "/workspace");
        boundedWait().until(page -> page.getCurrentUrl().contains("/login"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.cssSelector("form button[type='submit']")).click();
    }

    /** Waits until the page's live updates are connected. */
    void awaitLive() {
        boundedWait().until(page -> "live".equals(page.findElement(By.id("live-status")).getAttribute("data-state")));
    }

    /**
     * Bounded, and never asserted on: a loaded machine may take its time. Stale elements are tried
     * again: a live update may swap one out between finding it and reading it.
     */
    WebDriverWait boundedWait() {
        WebDriverWait wait = new WebDriverWait(driver, Eventually.WAIT_MAX);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** A mark on the page that a reload would wipe. */
    void markPage() {
        script("window.clearlineNotReloaded = true;");
    }

    boolean stillTheMarkedPage() {
        return Boolean.TRUE.equals(script("return window.clearlineNotReloaded === true;"));
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
