package io.clearline.ops.workspace;

import io.clearline.ops.DemoNodeTest;
import io.clearline.ops.Eventually;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A demo node whose workspace a test opens in a browser or over plain HTTP; the browser closes after each test. */
abstract class WorkspaceTest extends DemoNodeTest {
    @TempDir
    Path browserProfile;

    /** Opened by the tests that need a browser ({@link WorkspaceBrowser#open}); closed here. */
    WorkspaceBrowser browser;

    /** The read side catches up with the demo network's admissions a moment after the node has started. */
    @BeforeEach
    void awaitTheDemoNetwork() {
        Eventually.until("the demo banks known to the read side", () -> body("operator", "/api/participants")
                .contains(DELTA));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }
}
