package io.clearline.flows.network;

/** A suspended member stays listed (its key still verifies its past signatures) but is no counterparty. */
public enum MemberStatus {
    ACTIVE,
    SUSPENDED
}
