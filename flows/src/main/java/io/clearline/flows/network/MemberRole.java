package io.clearline.flows.network;

/** What a member does in the network; only banks and the central bank have a BIC. */
public enum MemberRole {
    CENTRAL_BANK,
    BANK,
    NOTARY,
    REGULATOR;

    boolean hasBic() {
        return this == CENTRAL_BANK || this == BANK;
    }
}
