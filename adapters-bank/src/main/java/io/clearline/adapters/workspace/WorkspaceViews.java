package io.clearline.adapters.workspace;

import io.clearline.core.common.api.Bic;
import io.clearline.core.liquidity.api.CurrencyPosition;
import io.clearline.core.liquidity.api.FindPositionQuery;
import io.clearline.core.liquidity.api.PositionView;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantView;
import io.clearline.core.payment.api.PaymentSettledEvent;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Reads positions, participants and recent payments through the core's queries, formatted for display. */
@Component
class WorkspaceViews {
    /** A page or a push waits no longer than this for the projections to answer. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final QueryGateway queries;
    private final RecentPayments recentPayments;
    private final DateTimeFormatter settledAtFormat;
    private final String businessZone;

    /** @param businessZone times are shown in the business day's time zone, not the server's */
    WorkspaceViews(QueryGateway queries, RecentPayments recentPayments,
                   @Value("${clearline.iso20022.business-zone}") String businessZone) {
        this.queries = queries;
        this.recentPayments = recentPayments;
        this.businessZone = ZoneId.of(businessZone).getId();
        this.settledAtFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of(businessZone));
    }

    List<BankPanel> everyBank() {
        return participants().stream()
                .sorted(Comparator.comparing(participant -> participant.bic().value()))
                .map(participant -> panel(participant.bic(), participant.name()))
                .toList();
    }

    BankPanel bank(Bic bic) {
        String name = participants().stream().filter(participant -> participant.bic().equals(bic))
                .map(ParticipantView::name).findFirst().orElse(bic.value());
        return panel(bic, name);
    }

    boolean isParticipant(Bic bic) {
        return participants().stream().anyMatch(participant -> participant.bic().equals(bic));
    }

    private BankPanel panel(Bic bic, String name) {
        PositionView position = queries.query(new FindPositionQuery(bic), ResponseTypes.instanceOf(PositionView.class))
                .orTimeout(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        List<BankPanel.CurrencyRow> currencies = position.currencies().stream().map(WorkspaceViews::row).toList();
        List<BankPanel.PaymentRow> payments = recentPayments.of(bic).stream()
                .map(settled -> paymentRow(bic, settled)).toList();
        return new BankPanel(bic.value(), name, BankPanel.elementIdOf(bic.value()), businessZone, currencies, payments);
    }

    private List<ParticipantView> participants() {
        return queries.query(new ListParticipantsQuery(), ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .orTimeout(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static BankPanel.CurrencyRow row(CurrencyPosition position) {
        return new BankPanel.CurrencyRow(position.balance().currency(), DisplayAmounts.format(position.balance()),
                DisplayAmounts.format(position.reserved()), DisplayAmounts.format(position.available()));
    }

    private BankPanel.PaymentRow paymentRow(Bic bank, PaymentSettledEvent settled) {
        boolean paid = settled.payer().equals(bank);
        return new BankPanel.PaymentRow(settledAtFormat.format(settled.settledAt()), paid ? "out" : "in",
                (paid ? settled.payee() : settled.payer()).value(), DisplayAmounts.format(settled.amount()),
                settled.amount().currency(), settled.uetr().value());
    }
}
