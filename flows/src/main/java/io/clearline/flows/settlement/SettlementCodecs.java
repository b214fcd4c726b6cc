package io.clearline.flows.settlement;

import io.clearline.flows.ledger.CanonicalReader;
import io.clearline.flows.ledger.CanonicalWriter;
import io.clearline.flows.ledger.LedgerCodecs;
import io.clearline.flows.ledger.StateCodec;
import io.clearline.flows.ledger.VaultColumns;
import java.util.LinkedHashMap;
import java.util.Map;

/** The encodings of cash and payment states. Field order is part of the transaction id: never reorder. */
final class SettlementCodecs {
    static final String CASH = "cash";
    static final String PAYMENT = "payment";

    private SettlementCodecs() {
    }

    static LedgerCodecs registerAll(LedgerCodecs codecs) {
        return codecs.register(new CashCodec()).register(new PaymentCodec())
                .registerCommands(CashCommand.values()).registerCommands(PaymentCommand.values());
    }

    static final class CashCodec implements StateCodec<CashState> {
        @Override
        public String typeName() {
            return CASH;
        }

        @Override
        public Class<CashState> type() {
            return CashState.class;
        }

        @Override
        public void encode(CashState state, CanonicalWriter out) {
            out.writeLong(state.amountMinorUnits()).writeString(state.currency())
                    .writeParty(state.issuer()).writeParty(state.owner());
        }

        @Override
        public CashState decode(CanonicalReader in) {
            return new CashState(in.readLong(), in.readString(), in.readParty(), in.readParty());
        }

        @Override
        public Map<String, Object> describe(CashState state) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("amountMinorUnits", state.amountMinorUnits());
            fields.put("currency", state.currency());
            fields.put("issuer", state.issuer().name());
            fields.put("owner", state.owner().name());
            return fields;
        }

        @Override
        public VaultColumns vaultColumns(CashState state) {
            return new VaultColumns(state.owner().name(), state.currency(), state.amountMinorUnits(), null);
        }
    }

    static final class PaymentCodec implements StateCodec<PaymentState> {
        @Override
        public String typeName() {
            return PAYMENT;
        }

        @Override
        public Class<PaymentState> type() {
            return PaymentState.class;
        }

        @Override
        public void encode(PaymentState state, CanonicalWriter out) {
            out.writeString(state.uetr()).writeParty(state.payer()).writeParty(state.payee())
                    .writeLong(state.amountMinorUnits()).writeString(state.currency());
        }

        @Override
        public PaymentState decode(CanonicalReader in) {
            return new PaymentState(in.readString(), in.readParty(), in.readParty(), in.readLong(), in.readString());
        }

        @Override
        public Map<String, Object> describe(PaymentState state) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("uetr", state.uetr());
            fields.put("payer", state.payer().name());
            fields.put("payee", state.payee().name());
            fields.put("amountMinorUnits", state.amountMinorUnits());
            fields.put("currency", state.currency());
            return fields;
        }

        @Override
        public VaultColumns vaultColumns(PaymentState state) {
            // Owner left empty: a payment belongs to both banks; the vault finds it by its UETR.
            return new VaultColumns(null, state.currency(), state.amountMinorUnits(), state.uetr());
        }
    }
}
