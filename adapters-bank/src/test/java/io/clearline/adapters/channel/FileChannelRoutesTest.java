package io.clearline.adapters.channel;

import static io.clearline.adapters.channel.ChannelFixture.ALPHA;
import static io.clearline.adapters.channel.ChannelFixture.BRAVO;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder channel through its real file endpoints, configured as the node configures them. */
class FileChannelRoutesTest {
    private static final Duration WAIT_MAX = Duration.ofSeconds(15);
    private static final String UETR = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    @TempDir
    Path dataDir;
    private ChannelFixture channel;

    @BeforeEach
    void wire() throws Exception {
        channel = new ChannelFixture(false);
        Properties properties = new Properties();
        String banks = dataDir.resolve("banks").toString();
        properties.put("clearline.channel.file.inbound-uri", "file:" + banks + "?recursive=true"
                + "&antInclude=*/inbox/*.xml&readLock=changed&readLockMinAge=100&delay=100"
                + "&move=${file:parent}/../${header.ClearlineOutcomeFolder}/${file:onlyname}&moveFailed=${file:parent}/../error/${file:onlyname}");
        properties.put("clearline.channel.file.reason-uri", "file:" + banks + "?fileExist=Override");
        properties.put("clearline.channel.file.outbox-uri", "file:" + banks + "?tempPrefix=.writing-&fileExist=Fail");
        channel.camel.getPropertiesComponent().setInitialProperties(properties);
        channel.camel.addRoutes(new ChannelErrorPolicy());
        channel.camel.addRoutes(new FileChannelRoutes(channel.service, 1_048_576));
        Files.createDirectories(dataDir.resolve("banks").resolve(ALPHA).resolve("inbox"));
        channel.camel.start();
    }

    @AfterEach
    void close() throws Exception {
        channel.close();
    }

    @Test
    void acceptedFileIsSubmittedAsTheFoldersBankAndArchived() throws IOException {
        drop("payment.xml", InboundMessageServiceTest.pacs008(UETR, ALPHA, BRAVO, "10.00"));

        await(() -> Files.exists(bankFolder("archive").resolve("payment.xml")));
        assertThat(channel.submitted).singleElement()
                .satisfies(command -> assertThat(command.payer().value()).isEqualTo(ALPHA));
        assertThat(bankFolder("inbox").resolve("payment.xml")).doesNotExist();
    }

    @Test
    void refusedFileMovesToErrorWithItsReasonAndTheAnswerIsWrittenToTheOutbox() throws IOException {
        drop("broken.xml", "<Document><unclosed></Document>".getBytes(StandardCharsets.UTF_8));

        await(() -> Files.exists(bankFolder("error").resolve("broken.xml.reason")));
        await(() -> Files.exists(bankFolder("error").resolve("broken.xml")));
        assertThat(Files.readString(bankFolder("error").resolve("broken.xml.reason"))).startsWith("FF01\t");
        await(() -> outboxFiles().size() == 1);
        assertThat(Files.readString(outboxFiles().getFirst())).contains("RJCT").contains("FF01");
        assertThat(channel.submitted).isEmpty();
    }

    private void drop(String name, byte[] content) throws IOException {
        // Written beside the inbox and moved in, as a bank's system should, so it is never read half-written.
        Path staged = Files.write(dataDir.resolve(name), content);
        Files.move(staged, bankFolder("inbox").resolve(name));
    }

    private Path bankFolder(String folder) {
        return dataDir.resolve("banks").resolve(ALPHA).resolve(folder);
    }

    private List<Path> outboxFiles() throws IOException {
        if (!Files.isDirectory(bankFolder("outbox"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(bankFolder("outbox"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".xml")).toList();
        }
    }

    private void await(IoCondition condition) throws IOException {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (!condition.test()) {
            if (System.nanoTime() > deadline) {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    throw new AssertionError("waited " + WAIT_MAX + "; the data folder holds "
                            + files.map(dataDir::relativize).toList());
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    private interface IoCondition {
        boolean test() throws IOException;
    }
}
