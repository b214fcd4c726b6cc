package io.clearline.ops.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.flows.network.MembershipList;
import io.clearline.flows.network.MembershipPublisher;
import io.clearline.flows.network.SignedMembershipList;
import io.clearline.ops.DemoNodes;
import io.clearline.ops.Eventually;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The membership list across restarts of the central bank's node: no epoch lost, none published twice. */
class MembershipRestartTest {
    private static final List<String> DEMO_BANKS = List.of("ALPHEUAAXXX", "BRAVEUBBXXX", "CHRLEUCCXXX", "DELTEUDDXXX");

    @TempDir
    Path dataDir;

    @Test
    void aRestartWhoseTokenLagsTheListPublishesNoEpochAgain() throws Exception {
        SignedMembershipList before;
        try (ConfigurableApplicationContext first = DemoNodes.start(dataDir)) {
            MembershipPublisher publisher = first.getBean(MembershipPublisher.class);
            Eventually.until("the demo banks listed", () -> publisher.latest()
                    .filter(list -> DEMO_BANKS.stream().allMatch(bank -> list.member(bank).isPresent())).isPresent());
            DemoNodes.awaitCaughtUp(first);
            before = publisher.latestSigned().orElseThrow();
        }
        // As if the node had died after storing its epochs and before its token recorded them: the processor
        // reads every participant event again.
        forgetTheProcessorsToken();

        try (ConfigurableApplicationContext second = DemoNodes.start(dataDir)) {
            DemoNodes.awaitCaughtUp(second);
            MembershipPublisher publisher = second.getBean(MembershipPublisher.class);
            SignedMembershipList after = publisher.latestSigned().orElseThrow();
            MembershipList list = publisher.latest().orElseThrow();

            assertThat(after.canonicalBytes()).as("the same epoch, the same list").isEqualTo(before.canonicalBytes());
            assertThat(after.signer()).as("the same network root").isEqualTo(before.signer());
            assertThat(DEMO_BANKS).allMatch(bank -> list.member(bank).isPresent());
        }
    }

    private void forgetTheProcessorsToken() throws Exception {
        try (Connection database = DriverManager.getConnection(
                "jdbc:h2:file:" + dataDir + "/db/clearline", "clearline", "");
             PreparedStatement delete = database.prepareStatement("DELETE FROM TokenEntry WHERE processorName = ?")) {
            delete.setString(1, MembershipPublication.PROCESSING_GROUP);
            assertThat(delete.executeUpdate()).as("the processor's token").isPositive();
        }
    }
}
