package io.clearline.ops.ledger;

import io.clearline.core.participant.api.ParticipantAdmittedEvent;
import io.clearline.flows.settlement.ClearlineLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Gives every admitted bank its ledger identity (an Ed25519 key) and its channel folders. Runs in
 * the admitting command's own unit of work (a subscribing processor), so that once admission is
 * confirmed the bank can be issued cash and can pay at once. Both steps are idempotent.
 */
@ProcessingGroup(ParticipantLedgerAdmission.PROCESSING_GROUP)
public class ParticipantLedgerAdmission {
    public static final String PROCESSING_GROUP = "clearline-ledger-admission";
    private static final List<String> BANK_FOLDERS = List.of("inbox", "outbox", "archive", "error");

    private final ClearlineLedger ledger;
    private final Path banksFolder;

    public ParticipantLedgerAdmission(ClearlineLedger ledger, Path banksFolder) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.banksFolder = Objects.requireNonNull(banksFolder, "banksFolder");
    }

    @EventHandler
    void on(ParticipantAdmittedEvent event) {
        ledger.admit(event.bic());
        try {
            for (String folder : BANK_FOLDERS) {
                Files.createDirectories(banksFolder.resolve(event.bic().value()).resolve(folder));
            }
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot create the folders of " + event.bic(), unwritable);
        }
    }
}
