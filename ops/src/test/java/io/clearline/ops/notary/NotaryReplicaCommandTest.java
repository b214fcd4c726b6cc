package io.clearline.ops.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.notary.raft.NotaryServiceKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clearline notary keygen} and the service key options of a replica and of a node in raft mode. */
class NotaryReplicaCommandTest {
    @TempDir
    Path folder;

    @Test
    void keygenWritesAKeyFilePrintsItsPublicKeyAndNeverOverwritesIt() {
        Path file = folder.resolve("notary-service.key");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(NotaryReplicaCommand.run(new String[] {"keygen", "--out", file.toString()})).isZero();
            assertThat(NotaryReplicaCommand.run(new String[] {"keygen", "--out", file.toString()})).isEqualTo(2);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            System.setOut(stdout);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo(NotaryServiceKey.load(file).publicKey().base64());
    }

    @Test
    void aReplicaWithoutAServiceKeyIsAUsageError() throws InterruptedException {
        assertThat(NotaryReplicaCommand.run(new String[] {"--id", "notary-1", "--peers", "notary-1@127.0.0.1:9871"}))
                .isEqualTo(2);
        assertThat(NotaryReplicaCommand.run(new String[] {"--id", "notary-1", "--peers", "notary-1@127.0.0.1:9871",
                "--service-key", folder.resolve("missing.key").toString()})).isEqualTo(2);
    }

    @Test
    void aNodeInRaftModeNeedsTheServicePublicKeyAndSaysWhichPropertyIsWrong() {
        NotaryServiceKey key = NotaryServiceKey.generate();

        assertThat(NotaryConfiguration.NotaryClusterKey.parse(key.publicKey().base64()).publicKey())
                .isEqualTo(key.publicKey());
        assertThatThrownBy(() -> NotaryConfiguration.NotaryClusterKey.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(NotaryConfiguration.SERVICE_PUBLIC_KEY_PROPERTY).hasMessageContaining("keygen");
        assertThatThrownBy(() -> NotaryConfiguration.NotaryClusterKey.parse("bm90IGEga2V5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a base64 Ed25519 public key");
    }
}
