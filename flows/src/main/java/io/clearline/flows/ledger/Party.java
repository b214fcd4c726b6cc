package io.clearline.flows.ledger;

import java.util.Objects;

/** A well-known identity on the ledger: its name (a BIC or a service name) and its signing key. */
public record Party(String name, PublicKey publicKey) {
    public Party {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicKey, "publicKey");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a party has a name");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
