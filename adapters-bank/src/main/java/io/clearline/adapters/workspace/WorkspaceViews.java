package io.clearline.adapters.workspace;

import io.clearline.adapters.web.Amounts;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.liquidity.api.CurrencyPosition;
import io.clearline.core.liquidity.api.FindPositionQuery;
import io.clearline.core.liquidity.api.FindQueueQuery;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.PositionView;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.liquidity.api.QueuedPaymentView;
import io.clearline.core.liquidity.api.ReadGridlockViewCommand;
import io.clearline.core.lsm.api.AccountGridlockView;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.ListGridlockRunsQuery;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantStatus;
import io.clearline.core.participant.api.ParticipantView;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.core.statement.api.BilateralPositionsView;
import io.clearline.core.statement.api.FindBilateralPositionsQuery;
import io.clearline.iso20022.Iso4217;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads positions, queues, limits, participants, gridlock runs and recent payments through the core's
 * queries, formatted for display. Every question has {@link #QUERY_TIMEOUT}; a page or a push that
 * cannot be answered in time fails rather than hangs.
 */
@Component
class WorkspaceViews {
    /** A page or a push waits no longer than this for the projections (or an account) to answer. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final RecentPayments recentPayments;
    private final IntradayBalances intradayBalances;
    private final LimitBook limitBook;
    private final Clock clock;
    private final ZoneId businessZone;

    /** @param businessZone times are shown in the business day's time zone, not the server's */
    WorkspaceViews(QueryGateway queries, CommandGateway commands, RecentPayments recentPayments,
                   IntradayBalances intradayBalances, LimitBook limitBook, Clock clock,
                   @Value("${clearline.iso20022.business-zone}") String businessZone) {
        this.queries = queries;
        this.commands = commands;
        this.recentPayments = recentPayments;
        this.intradayBalances = intradayBalances;
        this.limitBook = limitBook;
        this.clock = clock;
        this.businessZone = ZoneId.of(businessZone);
    }

    BankPanel bank(Bic bic) {
        Optional<ParticipantView> participant = participants().stream()
                .filter(candidate -> candidate.bic().equals(bic)).findFirst();
        String name = participant.map(ParticipantView::name).orElse(bic.value());
        String status = participant.map(view -> view.status().name()).orElse(ParticipantStatus.ACTIVE.name());
        ZonedDateTime now = clock.instant().atZone(businessZone);
        PositionView position = ask(new FindPositionQuery(bic), ResponseTypes.instanceOf(PositionView.class));
        QueueView queue = ask(new FindQueueQuery(bic), ResponseTypes.instanceOf(QueueView.class));
        List<BankPanel.CurrencyRow> currencies = position.currencies().stream()
                .map(currency -> currencyRow(currency, queue)).toList();
        List<BankPanel.PaymentRow> payments = recentPayments.of(bic).stream()
                .map(settled -> paymentRow(bic, settled)).toList();
        List<BankPanel.QueueRow> queueRows = queueRows(queue);
        List<BankPanel.IntradaySeries> intraday = position.currencies().stream()
                .map(currency -> intraday(new LiquidityAccountId(bic, currency.balance().currency()), now))
                .toList();
        return new BankPanel(bic.value(), name, BankPanel.elementIdOf(bic.value()), businessZone.getId(), status,
                now.toLocalDate().toString(), currencies, limitRows(bic), queueRows,
                queue.payments().size() - queueRows.size(), intraday, payments, netPositions(bic));
    }

    /** Per currency and counterparty, kept by the statements projection as the day's payments are booked. */
    private List<BankPanel.NetPositionRow> netPositions(Bic bic) {
        BilateralPositionsView today = ask(new FindBilateralPositionsQuery(bic),
                ResponseTypes.instanceOf(BilateralPositionsView.class));
        return today.positions().stream().map(position -> {
            String currency = position.currency();
            return new BankPanel.NetPositionRow(currency, position.counterparty().value(),
                    DisplayAmounts.group(Amounts.formatSigned(position.paidMinorUnits(), currency)),
                    DisplayAmounts.group(Amounts.formatSigned(position.receivedMinorUnits(), currency)),
                    DisplayAmounts.group(Amounts.formatSigned(position.netMinorUnits(), currency)),
                    position.netMinorUnits() < 0);
        }).toList();
    }

    NetworkPanel network() {
        List<ParticipantView> participants = participants().stream()
                .sorted(Comparator.comparing(participant -> participant.bic().value())).toList();
        List<NetworkPanel.BankRow> banks = new ArrayList<>();
        Map<String, CurrencySums> sumsByCurrency = new TreeMap<>();
        int queuedPayments = 0;
        for (ParticipantView participant : participants) {
            PositionView position = ask(new FindPositionQuery(participant.bic()),
                    ResponseTypes.instanceOf(PositionView.class));
            QueueView queue = ask(new FindQueueQuery(participant.bic()), ResponseTypes.instanceOf(QueueView.class));
            for (CurrencyPosition currency : position.currencies()) {
                sumsByCurrency.computeIfAbsent(currency.balance().currency(), key -> new CurrencySums()).add(currency);
            }
            for (QueuedPaymentView payment : queue.payments()) {
                sumsByCurrency.computeIfAbsent(payment.amount().currency(), key -> new CurrencySums()).add(payment);
            }
            queuedPayments += queue.payments().size();
            banks.add(new NetworkPanel.BankRow(participant.bic().value(), participant.name(),
                    BankPanel.elementIdOf(participant.bic().value()), participant.status().name(),
                    position.currencies().stream().map(currency -> currencyRow(currency, queue)).toList(),
                    queue.payments().size()));
        }
        List<NetworkPanel.CurrencyTotal> totals = new ArrayList<>();
        sumsByCurrency.forEach((currency, sums) -> totals.add(sums.total(currency)));
        int active = (int) participants.stream().filter(view -> view.status() == ParticipantStatus.ACTIVE).count();
        int suspended = (int) participants.stream().filter(view -> view.status() == ParticipantStatus.SUSPENDED)
                .count();
        return new NetworkPanel(businessZone.getId(), banks, totals, queuedPayments, active, suspended, runs(),
                List.copyOf(sumsByCurrency.keySet()));
    }

    /** System liquidity in one currency, summed over every bank, in minor units. */
    private static final class CurrencySums {
        private long balanceMinorUnits;
        private long availableMinorUnits;
        private long queuedOutMinorUnits;
        private int queuedPayments;

        void add(CurrencyPosition position) {
            balanceMinorUnits = Math.addExact(balanceMinorUnits, position.balance().minorUnits());
            availableMinorUnits = Math.addExact(availableMinorUnits, position.available().minorUnits());
        }

        void add(QueuedPaymentView payment) {
            queuedOutMinorUnits = Math.addExact(queuedOutMinorUnits, payment.amount().minorUnits());
            queuedPayments++;
        }

        NetworkPanel.CurrencyTotal total(String currency) {
            return new NetworkPanel.CurrencyTotal(currency, DisplayAmounts.format(Money.of(balanceMinorUnits, currency)),
                    DisplayAmounts.format(Money.of(availableMinorUnits, currency)),
                    DisplayAmounts.format(Money.of(queuedOutMinorUnits, currency)), queuedPayments);
        }
    }

    boolean isParticipant(Bic bic) {
        return participants().stream().anyMatch(participant -> participant.bic().equals(bic));
    }

    /** Today's date in the business zone. */
    java.time.LocalDate today() {
        return clock.instant().atZone(businessZone).toLocalDate();
    }

    /** Times of today's business day as a time of day; older ones with their date. */
    String timeOf(Instant instant) {
        ZonedDateTime at = instant.atZone(businessZone);
        boolean today = at.toLocalDate().equals(clock.instant().atZone(businessZone).toLocalDate());
        return (today ? TIME_OF_DAY : DATE_AND_TIME).format(at);
    }

    private List<ParticipantView> participants() {
        return ask(new ListParticipantsQuery(), ResponseTypes.multipleInstancesOf(ParticipantView.class));
    }

    private List<NetworkPanel.RunRow> runs() {
        List<GridlockRunRecordedEvent> runs = ask(new ListGridlockRunsQuery(NetworkPanel.RUNS_SHOWN_MAX),
                ResponseTypes.multipleInstancesOf(GridlockRunRecordedEvent.class));
        return runs.stream().map(run -> new NetworkPanel.RunRow(run.runId(),
                run.finishedAt() == null ? "" : timeOf(run.finishedAt()), run.currency(),
                run.mode() == null ? "" : run.mode().name(), run.algorithm() == null ? "" : run.algorithm().name(),
                run.trigger() == null ? "" : run.trigger().name(), run.outcome().name(), run.considered(),
                run.settledUetrs().size(), run.settledValue() == null ? "" : DisplayAmounts.format(run.settledValue()),
                run.abortReason() == null ? "" : run.abortReason())).toList();
    }

    private <R> R ask(Object query, ResponseType<R> responseType) {
        return queries.query(query, responseType).orTimeout(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static BankPanel.CurrencyRow currencyRow(CurrencyPosition position, QueueView queue) {
        String currency = position.balance().currency();
        return new BankPanel.CurrencyRow(currency, DisplayAmounts.format(position.balance()),
                DisplayAmounts.format(position.reserved()), DisplayAmounts.format(position.available()),
                DisplayAmounts.format(queue.queuedOutgoing(currency)), queue.frozen(currency));
    }

    /** The head of the queue in policy order, with each payment's payee from the payments projection. */
    private List<BankPanel.QueueRow> queueRows(QueueView queue) {
        List<BankPanel.QueueRow> rows = new ArrayList<>();
        Map<String, Integer> placeByCurrency = new HashMap<>();
        for (QueuedPaymentView payment : queue.payments()) {
            if (rows.size() >= BankPanel.QUEUE_ROWS_SHOWN_MAX) {
                break;
            }
            String currency = payment.amount().currency();
            int place = placeByCurrency.merge(currency, 1, Integer::sum);
            String payee = ask(new FindPaymentQuery(payment.uetr()), ResponseTypes.optionalInstanceOf(PaymentView.class))
                    .map(view -> view.payee().value()).orElse("");
            rows.add(new BankPanel.QueueRow(place, payment.uetr().value(), timeOf(payment.queuedAt()),
                    payment.priority().name(), payment.held(), queue.frozen(currency), payee,
                    DisplayAmounts.format(payment.amount()), currency));
        }
        return rows;
    }

    /**
     * Each limit with its use. The limits come from {@link LimitBook}; what is left of them only the
     * account knows ({@link ReadGridlockViewCommand}, which changes nothing). Headroom never goes below
     * zero, so a limit overrun by urgent or high payments shows as fully used.
     */
    private List<BankPanel.LimitRow> limitRows(Bic bic) {
        List<BankPanel.LimitRow> rows = new ArrayList<>();
        SortedMap<String, LimitBook.Limits> limitsByCurrency = limitBook.of(bic);
        limitsByCurrency.forEach((currency, limits) -> {
            Optional<AccountGridlockView> account = readAccount(new LiquidityAccountId(bic, currency));
            limits.multilateral().ifPresent(limit -> rows.add(limitRow(currency, "", limit,
                    account.map(view -> view.liquidity().multilateralLimitMinorUnits())
                            .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong))));
            limits.bilateralByCounterparty().forEach((counterparty, limit) -> rows.add(limitRow(currency,
                    counterparty, limit, account.map(view -> view.liquidity().bilateralLimitsMinorUnits()
                            .get(Bic.of(counterparty))))));
        });
        return rows;
    }

    private Optional<AccountGridlockView> readAccount(LiquidityAccountId account) {
        try {
            CompletableFuture<AccountGridlockView> answer = commands.send(new ReadGridlockViewCommand(account));
            return Optional.ofNullable(answer.orTimeout(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join());
        } catch (RuntimeException unanswered) {
            // The limit is still worth showing without its use.
            return Optional.empty();
        }
    }

    private static BankPanel.LimitRow limitRow(String currency, String towards, Money limit,
                                               Optional<Long> headroomMinorUnits) {
        if (headroomMinorUnits.isEmpty()) {
            return new BankPanel.LimitRow(currency, towards, DisplayAmounts.format(limit), "", "",
                    limit.minorUnits(), 0, false);
        }
        long headroom = Math.min(limit.minorUnits(), Math.max(0, headroomMinorUnits.get()));
        long used = limit.minorUnits() - headroom;
        return new BankPanel.LimitRow(currency, towards, DisplayAmounts.format(limit),
                DisplayAmounts.format(Money.of(used, currency)), DisplayAmounts.format(Money.of(headroom, currency)),
                limit.minorUnits(), used, true);
    }

    /**
     * The chart's data as JSON for the page's script: minutes since the business day's midnight and
     * the balance in major units, from the opening balance at minute 0 to the balance now. Amounts are
     * written as exact decimals; only the chart turns them into floating point, to draw them.
     */
    private BankPanel.IntradaySeries intraday(LiquidityAccountId account, ZonedDateTime now) {
        IntradayBalances.Day day = intradayBalances.of(account, now.toLocalDate());
        int scale = Iso4217.requireScale(account.currency());
        int nowMinute = now.getHour() * 60 + now.getMinute();
        StringBuilder json = new StringBuilder(64 + day.closingMinorUnitsByMinute().size() * 24)
                .append("{\"currency\":\"").append(account.currency())
                .append("\",\"scale\":").append(scale)
                .append(",\"day\":\"").append(now.toLocalDate())
                .append("\",\"now\":").append(nowMinute)
                .append(",\"points\":[[0,").append(decimal(day.openingMinorUnits(), scale)).append(']');
        day.closingMinorUnitsByMinute().forEach((minute, balance) ->
                json.append(",[").append(minute).append(',').append(decimal(balance, scale)).append(']'));
        return new BankPanel.IntradaySeries(account.currency(), json.append("]}").toString());
    }

    private static String decimal(long minorUnits, int scale) {
        return BigDecimal.valueOf(minorUnits, scale).toPlainString();
    }

    private BankPanel.PaymentRow paymentRow(Bic bank, PaymentSettledEvent settled) {
        boolean paid = settled.payer().equals(bank);
        return new BankPanel.PaymentRow(timeOf(settled.settledAt()), paid ? "out" : "in",
                (paid ? settled.payee() : settled.payer()).value(), DisplayAmounts.format(settled.amount()),
                settled.amount().currency(), settled.uetr().value());
    }
}
