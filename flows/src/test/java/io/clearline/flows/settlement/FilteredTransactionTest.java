package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static io.clearline.flows.settlement.LedgerFixture.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.CanonicalWriter;
import io.clearline.flows.ledger.ComponentGroup;
import io.clearline.flows.ledger.FilteredTransaction;
import io.clearline.flows.ledger.LedgerCodecs;
import io.clearline.flows.ledger.NotarisationRequest;
import io.clearline.flows.ledger.Notary;
import io.clearline.flows.ledger.SignatureException;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.TransactionState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FilteredTransactionTest {
    private static final long PAID_MINOR_UNITS = 250_075;

    private LedgerFixture fixture;
    private LedgerCodecs codecs;
    private SignedTransaction paymentTransaction;

    @BeforeEach
    void settleOnePayment() {
        fixture = new LedgerFixture();
        codecs = fixture.ledger.store().codecs();
        fixture.issue("transfer-1", BANK_A, 1_000_000);
        String id = fixture.ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_A, BANK_B, PAID_MINOR_UNITS))
                .join().transactionId();
        paymentTransaction = fixture.ledger.store().transaction(id).orElseThrow().transaction();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aTransactionIdIsTheMerkleRootOfItsComponentsAndIsStableAcrossStoreAndLoad() {
        SignedTransaction reloaded = codecs.deserialize(codecs.serialize(paymentTransaction));

        assertThat(reloaded.id()).isEqualTo(paymentTransaction.id()).isEqualTo(codecs.transactionId(reloaded.tx()));
        assertThat(reloaded.tx()).isEqualTo(paymentTransaction.tx());
        assertThat(fixture.ledger.transaction(paymentTransaction.id()).orElseThrow().id())
                .isEqualTo(paymentTransaction.id());
        assertThat(codecs.filter(reloaded.tx(), EnumSet.noneOf(ComponentGroup.class)).id()).isEqualTo(reloaded.id());
    }

    @Test
    void aFilteredTransactionRevealingOnlyInputsAndNotaryVerifiesAgainstTheIdAndContainsNoAmounts() {
        FilteredTransaction filtered = codecs.filter(paymentTransaction.tx(),
                EnumSet.of(ComponentGroup.INPUTS, ComponentGroup.NOTARY));

        filtered.verify();

        assertThat(filtered.id()).isEqualTo(paymentTransaction.id());
        assertThat(filtered.inputs()).isEqualTo(paymentTransaction.tx().inputs());
        assertThat(filtered.notary()).isEqualTo(fixture.ledger.notary());
        assertThat(filtered.reveals(ComponentGroup.OUTPUTS)).isFalse();
        assertThatThrownBy(() -> filtered.components(ComponentGroup.OUTPUTS)).isInstanceOf(IllegalStateException.class);
        assertRevealsNoAmountOf(filtered, paymentTransaction);
    }

    @Test
    void tamperingWithARevealedComponentBreaksTheProof() {
        FilteredTransaction honest = codecs.filter(paymentTransaction.tx(), EnumSet.of(ComponentGroup.INPUTS));
        FilteredTransaction.RevealedGroup inputs = honest.revealed().get(ComponentGroup.INPUTS);
        List<byte[]> forged = new ArrayList<>(inputs.components());
        forged.set(0, new CanonicalWriter().writeString("f".repeat(64)).writeInt(0).toByteArray());
        Map<ComponentGroup, FilteredTransaction.RevealedGroup> revealed = new EnumMap<>(ComponentGroup.class);
        revealed.put(ComponentGroup.INPUTS, new FilteredTransaction.RevealedGroup(forged, inputs.nonces()));
        FilteredTransaction tampered = new FilteredTransaction(honest.id(), honest.groupRoots(), revealed);

        assertThatThrownBy(tampered::verify).isInstanceOf(SignatureException.class)
                .hasMessageContaining("do not match their Merkle root");
    }

    @Test
    void aFilteredTransactionWhoseHiddenRootWasSwappedDoesNotHashToTheId() {
        FilteredTransaction honest = codecs.filter(paymentTransaction.tx(), EnumSet.of(ComponentGroup.INPUTS));
        List<String> roots = new ArrayList<>(honest.groupRoots());
        roots.set(ComponentGroup.OUTPUTS.ordinal(), HexFormat.of().formatHex(new byte[32]));

        FilteredTransaction swapped = new FilteredTransaction(honest.id(), roots, honest.revealed());

        assertThatThrownBy(swapped::verify).isInstanceOf(SignatureException.class).hasMessageContaining("hash to");
    }

    @Test
    void aFilteredTransactionToANonValidatingNotaryRevealsNoAmounts() {
        NotarisationRequest request = NotarisationRequest.of(paymentTransaction, codecs);

        request.transaction().verify();

        assertThat(request.transaction().revealed().keySet()).isEqualTo(Notary.NON_VALIDATING_VIEW);
        assertThat(request.transaction().reveals(ComponentGroup.OUTPUTS)).isFalse();
        assertThat(request.transaction().reveals(ComponentGroup.COMMANDS)).isFalse();
        assertRevealsNoAmountOf(request.transaction(), paymentTransaction);
        assertThat(request.transaction().requiredSigners())
                .containsExactlyInAnyOrderElementsOf(paymentTransaction.tx().requiredSigners());
    }

    /** No revealed byte sequence holds any output's amount as the canonical encoding writes it. */
    private static void assertRevealsNoAmountOf(FilteredTransaction filtered, SignedTransaction full) {
        List<Long> amounts = new ArrayList<>();
        for (TransactionState output : full.tx().outputs()) {
            if (output.data() instanceof CashState cash) {
                amounts.add(cash.amountMinorUnits());
            } else if (output.data() instanceof PaymentState paid) {
                amounts.add(paid.amountMinorUnits());
            }
        }
        assertThat(amounts).contains(PAID_MINOR_UNITS);
        for (FilteredTransaction.RevealedGroup group : filtered.revealed().values()) {
            for (byte[] component : group.components()) {
                for (long amount : amounts) {
                    assertThat(indexOf(component, ByteBuffer.allocate(Long.BYTES).putLong(amount).array()))
                            .as("amount %d in a revealed component", amount).isNegative();
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
