package io.clearline.flows.network;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.Party;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A small network for the membership tests: a root key, a notary, a regulator and banks. */
final class NetworkTesting {
    static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    final Ed25519.GeneratedKeyPair root = Ed25519.generate();
    final Party notary = new Party("notary", Ed25519.generate().publicKey());
    final Party regulator = new Party("regulator", Ed25519.generate().publicKey());

    static DataSource dataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    static Jdbc jdbc() {
        return new Jdbc(dataSource());
    }

    NetworkParameters parameters(long epoch) {
        return new NetworkParameters(epoch, notary, List.of("notary-1:7001", "notary-2:7001", "notary-3:7001"),
                regulator, List.of("CHF", "EUR"), 1024 * 1024, T0.plusSeconds(epoch));
    }

    static Member bank(String bic) {
        return new Member(bic, "Bank " + bic, bic, MemberRole.BANK, Ed25519.generate().publicKey(),
                MemberStatus.ACTIVE, List.of("https://" + bic.toLowerCase() + ".example:8443"));
    }

    List<Member> services() {
        return List.of(
                new Member("notary", "Notary", null, MemberRole.NOTARY, notary.publicKey(), MemberStatus.ACTIVE,
                        List.of("notary-1:7001")),
                new Member("regulator", "Regulator", null, MemberRole.REGULATOR, regulator.publicKey(),
                        MemberStatus.ACTIVE, List.of()));
    }

    MembershipList list(long epoch, Member... banks) {
        List<Member> members = new ArrayList<>(services());
        members.addAll(List.of(banks));
        return new MembershipList(parameters(epoch), members);
    }

    SignedMembershipList signed(MembershipList list) {
        return signedBy(root, list.canonicalBytes());
    }

    static SignedMembershipList signedBy(Ed25519.GeneratedKeyPair key, byte[] bytes) {
        return new SignedMembershipList(bytes, Ed25519.sign(key.privateKey(), SignedMembershipList.signingMessage(bytes)),
                key.publicKey());
    }

    MembershipVerifier verifier() {
        return new MembershipVerifier(root.publicKey());
    }
}
