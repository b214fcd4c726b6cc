package io.clearline.core.statement;

import io.clearline.core.businessday.api.BusinessDayClosedEvent;
import io.clearline.core.businessday.api.BusinessDayOpenedEvent;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.HandledOnce;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityRedeemedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.core.statement.api.AccountStatement;
import io.clearline.core.statement.api.AccountStatementsView;
import io.clearline.core.statement.api.BilateralPosition;
import io.clearline.core.statement.api.BilateralPositionsView;
import io.clearline.core.statement.api.FindBilateralPositionsQuery;
import io.clearline.core.statement.api.FindAccountStatementsQuery;
import io.clearline.core.statement.api.StatementEntry;
import io.clearline.core.statement.api.StatementsNoLongerKeptException;
import io.clearline.core.statement.api.StatementEntry.EntryKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryHandler;

/**
 * Every bank's account statements, per business day, in memory, rebuilt from the event store at each
 * start. A day's period ends where the settlement record holds the day's close: a booking recorded
 * before the close event is that day's, one recorded after it the next day's, whatever its clock says.
 * So periods never overlap or leave a gap, a day's closing balance is the next day's opening, and a
 * replay puts every booking in the same day again.
 *
 * <p>A booking is one settled payment (a debit for the payer, a credit for the payee), one pledge or
 * one redemption; a gridlock run's payments are booked one by one, and sum to its net.
 */
@ProcessingGroup(ProcessingGroups.STATEMENTS_PROJECTION)
public class AccountStatementsProjection {
    /** Closed days whose statements are kept to be asked for again: a month of business days and more. */
    public static final int CLOSED_DAYS_KEPT = 31;

    /** The running period: bookings since the last close. */
    private LocalDate currentDate;
    private Map<LiquidityAccountId, List<StatementEntry>> currentEntries = new HashMap<>();
    /** The running period's payments summed per counterparty as they are booked: {paid, received}. */
    private Map<LiquidityAccountId, Map<Bic, long[]>> currentBilateral = new HashMap<>();
    /** What a redelivered event would book twice; a period's keys go with it at the close. */
    private Set<String> currentKeys = new HashSet<>();
    /** Each account's balance at the end of the last closed period: the running period's opening. */
    private final Map<LiquidityAccountId, Long> openingBalances = new HashMap<>();
    private final NavigableMap<LocalDate, Map<Bic, List<AccountStatement>>> closedDays = new TreeMap<>();
    private boolean closedDaysTrimmed;
    /**
     * A redelivered batch could otherwise book a settled payment again in the period after its own, or close a day a second time with none of its bookings.
     */
    private final HandledOnce handledOnce = new HandledOnce();

    @MessageHandlerInterceptor(messageType = EventMessage.class)
    void once(EventMessage<?> event, InterceptorChain chain) throws Exception {
        handledOnce.proceedIfNew(event, chain);
    }

    @EventHandler
    synchronized void on(BusinessDayOpenedEvent event) {
        currentDate = event.date();
    }

    @EventHandler
    synchronized void on(BusinessDayClosedEvent event) {
        Set<LiquidityAccountId> accounts = new HashSet<>(openingBalances.keySet());
        accounts.addAll(currentEntries.keySet());
        Map<Bic, List<AccountStatement>> day = new HashMap<>();
        for (LiquidityAccountId account : accounts) {
            AccountStatement statement = running(account);
            day.computeIfAbsent(account.bic(), bic -> new ArrayList<>()).add(statement);
            openingBalances.put(account, statement.closingMinorUnits());
        }
        day.values().forEach(statements -> statements.sort(Comparator.comparing(AccountStatement::currency)));
        closedDays.put(event.date(), day);
        if (closedDays.size() > CLOSED_DAYS_KEPT) {
            closedDays.pollFirstEntry();
            closedDaysTrimmed = true;
        }
        currentDate = null;
        currentEntries = new HashMap<>();
        currentBilateral = new HashMap<>();
        currentKeys = new HashSet<>();
    }

    @EventHandler
    synchronized void on(PaymentSettledEvent event) {
        if (!currentKeys.add("payment:" + event.uetr().value())) {
            return;
        }
        String uetr = event.uetr().value();
        String endToEndId = event.references().endToEndId();
        book(event.payer(), new StatementEntry(event.settledAt(), event.amount(), false, EntryKind.PAYMENT,
                event.payee(), uetr, endToEndId, event.ledgerTransactionId()));
        book(event.payee(), new StatementEntry(event.settledAt(), event.amount(), true, EntryKind.PAYMENT,
                event.payer(), uetr, endToEndId, event.ledgerTransactionId()));
    }

    @EventHandler
    synchronized void on(LiquidityPledgedEvent event) {
        if (currentKeys.add("pledge:" + event.transferId())) {
            book(event.participant(), new StatementEntry(event.pledgedAt(), event.amount(), true,
                    EntryKind.LIQUIDITY_PLEDGE, null, event.transferId(), null, event.ledgerTransactionId()));
        }
    }

    @EventHandler
    synchronized void on(LiquidityRedeemedEvent event) {
        if (currentKeys.add("redemption:" + event.transferId())) {
            book(event.participant(), new StatementEntry(event.redeemedAt(), event.amount(), false,
                    EntryKind.LIQUIDITY_REDEMPTION, null, event.transferId(), null, event.ledgerTransactionId()));
        }
    }

    private void book(Bic owner, StatementEntry entry) {
        Money amount = entry.amount();
        LiquidityAccountId account = new LiquidityAccountId(owner, amount.currency());
        currentEntries.computeIfAbsent(account, id -> new ArrayList<>()).add(entry);
        if (entry.kind() == EntryKind.PAYMENT) {
            long[] paidAndReceived = currentBilateral.computeIfAbsent(account, id -> new HashMap<>())
                    .computeIfAbsent(entry.counterparty(), counterparty -> new long[2]);
            int side = entry.credit() ? 1 : 0;
            paidAndReceived[side] = Math.addExact(paidAndReceived[side], amount.minorUnits());
        }
    }

    @QueryHandler
    synchronized BilateralPositionsView handle(FindBilateralPositionsQuery query) {
        List<BilateralPosition> positions = new ArrayList<>();
        currentBilateral.forEach((account, byCounterparty) -> {
            if (account.bic().equals(query.bic())) {
                byCounterparty.forEach((counterparty, sums) -> positions.add(
                        new BilateralPosition(account.currency(), counterparty, sums[0], sums[1])));
            }
        });
        positions.sort(Comparator.comparing(BilateralPosition::currency)
                .thenComparing(position -> position.counterparty().value()));
        return new BilateralPositionsView(query.bic(), positions);
    }

    private AccountStatement running(LiquidityAccountId account) {
        List<StatementEntry> entries = currentEntries.getOrDefault(account, List.of());
        long opening = openingBalances.getOrDefault(account, 0L);
        long closing = opening;
        for (StatementEntry entry : entries) {
            closing = Math.addExact(closing, entry.signedMinorUnits());
        }
        return new AccountStatement(account.bic(), account.currency(), opening, closing, entries);
    }

    @QueryHandler
    synchronized AccountStatementsView handle(FindAccountStatementsQuery query) {
        LocalDate date = query.businessDate();
        if (date == null || date.equals(currentDate)) {
            Set<LiquidityAccountId> accounts = new HashSet<>(openingBalances.keySet());
            accounts.addAll(currentEntries.keySet());
            List<AccountStatement> statements = accounts.stream()
                    .filter(account -> account.bic().equals(query.bic()))
                    .sorted(Comparator.comparing(LiquidityAccountId::currency))
                    .map(this::running)
                    .toList();
            return new AccountStatementsView(query.bic(), currentDate, false, statements);
        }
        Map<Bic, List<AccountStatement>> day = closedDays.get(date);
        if (day == null && closedDaysTrimmed && date.isBefore(closedDays.firstKey())) {
            throw new StatementsNoLongerKeptException("statements are kept for the last " + CLOSED_DAYS_KEPT
                    + " closed business days, from " + closedDays.firstKey() + "; " + date + " is older");
        }
        if (day == null) {
            throw new IllegalArgumentException("business day " + date + " has not run on this network");
        }
        return new AccountStatementsView(query.bic(), date, true, day.getOrDefault(query.bic(), List.of()));
    }

    @ResetHandler
    synchronized void reset() {
        handledOnce.forget();
        currentDate = null;
        currentEntries = new HashMap<>();
        currentBilateral = new HashMap<>();
        currentKeys = new HashSet<>();
        openingBalances.clear();
        closedDays.clear();
        closedDaysTrimmed = false;
    }
}
