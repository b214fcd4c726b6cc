package io.clearline.flows.ledger;

import java.util.List;
import java.util.Map;

/**
 * A token state with nothing but an owner: enough for the notary, which checks uniqueness and
 * signatures, never contracts. Shared by the notary tests and the benchmark harness.
 */
public final class TestTokens {
    private TestTokens() {
    }

    public record Token(Party owner) implements ContractState {
        @Override
        public List<Party> participants() {
            return List.of(owner);
        }
    }

    public enum TokenCommand implements CommandData {
        MOVE;

        @Override
        public String commandName() {
            return "token.move";
        }
    }

    public static final class TokenCodec implements StateCodec<Token> {
        @Override public String typeName() { return "token"; }
        @Override public Class<Token> type() { return Token.class; }
        @Override public void encode(Token state, CanonicalWriter out) { out.writeParty(state.owner()); }
        @Override public Token decode(CanonicalReader in) { return new Token(in.readParty()); }
        @Override public Map<String, Object> describe(Token state) { return Map.of("owner", state.owner().name()); }
        @Override public VaultColumns vaultColumns(Token state) { return new VaultColumns(state.owner().name(), null, null, null); }
    }

    public static LedgerCodecs codecs() {
        return new LedgerCodecs().register(new TokenCodec()).registerCommands(TokenCommand.MOVE);
    }

    /** A signed transaction in which {@code from} moves {@code input} to a new token of {@code to}. */
    public static SignedTransaction spend(LedgerCodecs codecs, IdentityService identities, Party notary, Party from,
                                          StateRef input, Party to) {
        WireTransaction wtx = new WireTransaction(List.of(input),
                List.of(new TransactionState(new Token(to), "token", notary)),
                List.of(new Command(TokenCommand.MOVE, List.of(from.publicKey()))), notary, null,
                Ed25519.randomHex(WireTransaction.PRIVACY_SALT_BYTES));
        SignedTransaction stx = codecs.unsigned(wtx);
        return stx.withSignature(identities.sign(from, stx.id()));
    }
}
