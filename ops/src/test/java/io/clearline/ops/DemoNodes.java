package io.clearline.ops;

import java.nio.file.Path;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Demo nodes a test starts and stops itself, on a data folder it keeps across restarts. */
public final class DemoNodes {
    private DemoNodes() {
    }

    /** Starts a demo node on {@code dataDir} (a restart, if a node used it before) on a free port. */
    public static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(ClearlineApplication.class)
                .profiles("demo")
                .run("--server.port=0", "--clearline.data-dir=" + dataDir);
    }

    /** Every processor has read the event store to its end, so anything a restart set off has happened. */
    public static void awaitCaughtUp(ConfigurableApplicationContext node) {
        EventProcessingConfiguration processing = node.getBean(EventProcessingConfiguration.class);
        Eventually.until("every processor to reach the end of the event store", () -> processing.eventProcessors()
                .values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .allMatch(processor -> !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp())));
    }
}
