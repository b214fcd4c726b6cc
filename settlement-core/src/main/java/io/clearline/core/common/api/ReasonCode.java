package io.clearline.core.common.api;

/**
 * The ISO 20022 external status reason codes (ExternalStatusReason1Code) that the core decides on
 * itself. The adapters pass them through to a pacs.002 unchanged; an explanation travels beside
 * the code in every event that carries one.
 */
public enum ReasonCode {
    /** ZeroAmount: a payment must move more than nothing. */
    AM01,
    /** InsufficientFunds: the payer's available liquidity does not cover the amount. */
    AM04,
    /** Duplication: the UETR was already used for a payment with different content. */
    AM05,
    /** CreditorBankIsNotRegistered: the payee is not an active participant. */
    CNOR,
    /** DebtorBankIsNotRegistered: the payer is not an active participant. */
    DNOR,
    /** InvalidCutOffTime: the payment came after the business day's cut-off, or was still queued at its close. */
    TM01,
    /** Narrative: the reason is given in the explanation (a ledger failure, a place in the queue). */
    NARR
}
