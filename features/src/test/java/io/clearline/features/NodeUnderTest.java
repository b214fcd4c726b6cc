package io.clearline.features;

import io.clearline.ops.ClearlineApplication;
import io.cucumber.spring.CucumberContextConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real node with the demo network, on a free port and a fresh data folder. The steps reach it
 * only through its public HTTP interfaces, as a bank or the operator would.
 */
@CucumberContextConfiguration
@SpringBootTest(classes = ClearlineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@Import(NodeClient.class)
public class NodeUnderTest {

    @DynamicPropertySource
    static void freshDataFolder(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "node-");
        registry.add("clearline.data-dir", dataDir::toString);
        // The rulebook runs gridlock resolution when a scenario says so, never behind its back.
        registry.add("clearline.lsm.schedule.enabled", () -> "false");
        // Likewise the business day: only the operator's steps in the scenarios open, cut off and close it.
        registry.add("clearline.business-day.schedule.enabled", () -> "false");
    }
}
