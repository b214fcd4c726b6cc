package io.clearline.flows.network;

import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the membership list: the member's ledger identity ({@code name} and Ed25519 key), its
 * legal name, its BIC where it is a bank or the central bank, its role and status, and the network
 * addresses its node answers on, in order of preference, and its X.509 certificate from the network
 * root once the central bank has issued it (null before).
 */
public record Member(String name, String legalName, String bic, MemberRole role, PublicKey publicKey,
                     MemberStatus status, List<String> addresses, MemberCertificate certificate) {
    /** Addresses one member lists at most: a node with more endpoints than this is a configuration error. */
    public static final int ADDRESSES_MAX = 8;

    public Member {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(legalName, "legalName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(status, "status");
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
        if (name.isBlank() || legalName.isBlank()) {
            throw new IllegalArgumentException("a member has a name and a legal name");
        }
        if (role.hasBic() != (bic != null)) {
            throw new IllegalArgumentException("member " + name + ": a " + role + (role.hasBic()
                    ? " has a BIC" : " has no BIC"));
        }
        if (bic != null && bic.isBlank()) {
            throw new IllegalArgumentException("member " + name + ": a BIC is not blank");
        }
        if (addresses.size() > ADDRESSES_MAX) {
            throw new IllegalArgumentException("member " + name + " lists " + addresses.size()
                    + " addresses, more than " + ADDRESSES_MAX);
        }
        if (new HashSet<>(addresses).size() != addresses.size() || addresses.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("member " + name + ": addresses are distinct and not blank");
        }
        if (certificate != null && (!certificate.subjectName().equals(name)
                || !certificate.subjectKey().equals(publicKey))) {
            throw new IllegalArgumentException("member " + name + ": its certificate certifies its name and key");
        }
    }

    /** A member not certified yet: the publisher issues its certificate when it lists it. */
    public Member(String name, String legalName, String bic, MemberRole role, PublicKey publicKey,
                  MemberStatus status, List<String> addresses) {
        this(name, legalName, bic, role, publicKey, status, addresses, null);
    }

    /** The member as a ledger party, to resolve a counterparty this node does not host. */
    public Party party() {
        return new Party(name, publicKey);
    }

    public Member withStatus(MemberStatus newStatus) {
        return new Member(name, legalName, bic, role, publicKey, newStatus, addresses, certificate);
    }

    public Member withCertificate(MemberCertificate issued) {
        return new Member(name, legalName, bic, role, publicKey, status, addresses, issued);
    }
}
