package io.clearline.core.common.api;

import java.util.List;

/**
 * The processing groups of the settlement core, in one place so the node can configure their
 * processors. Projections keep their state in memory and are rebuilt by replaying the event store
 * at every start: give them an in-memory token store. Sagas keep state that must survive a restart:
 * give them the node's durable token store and saga store.
 */
public final class ProcessingGroups {
    public static final String PAYMENTS_PROJECTION = "clearline-payments-projection";
    public static final String POSITIONS_PROJECTION = "clearline-positions-projection";
    public static final String PARTICIPANTS_PROJECTION = "clearline-participants-projection";
    public static final String GRIDLOCK_RUNS_PROJECTION = "clearline-gridlock-runs-projection";
    public static final String BUSINESS_DAY_PROJECTION = "clearline-business-day-projection";
    public static final String STATEMENTS_PROJECTION = "clearline-statements-projection";
    public static final String PAYMENT_SETTLEMENT_SAGA = "clearline-payment-settlement-saga";
    public static final String LIQUIDITY_PLEDGE_SAGA = "clearline-liquidity-pledge-saga";
    public static final String PAYMENT_RETURN_SAGA = "clearline-payment-return-saga";
    public static final String SUSPENDED_QUEUES_POLICY = "clearline-suspended-queues-policy";
    public static final String BUSINESS_DAY_POLICY = "clearline-business-day-policy";

    /** Rebuilt from the event store at each start; an in-memory token store fits them. */
    public static final List<String> PROJECTIONS =
            List.of(PAYMENTS_PROJECTION, POSITIONS_PROJECTION, PARTICIPANTS_PROJECTION, GRIDLOCK_RUNS_PROJECTION,
                    BUSINESS_DAY_PROJECTION, STATEMENTS_PROJECTION);

    /** Durable: their tokens and saga entries must live in the node's database. */
    public static final List<String> SAGAS = List.of(PAYMENT_SETTLEMENT_SAGA, LIQUIDITY_PLEDGE_SAGA, PAYMENT_RETURN_SAGA);

    /** Policies act once per event and must never replay: their tokens live in the node's database. */
    public static final List<String> POLICIES = List.of(SUSPENDED_QUEUES_POLICY, BUSINESS_DAY_POLICY);

    private ProcessingGroups() {
    }
}
