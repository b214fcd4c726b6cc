package io.clearline.adapters.outbound;

import io.clearline.core.businessday.api.BusinessDayClosedEvent;
import io.clearline.core.common.api.Bic;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantView;
import io.clearline.core.statement.api.AccountStatement;
import io.clearline.core.statement.api.AccountStatementsView;
import io.clearline.core.statement.api.FindAccountStatementsQuery;
import io.clearline.core.statement.api.StatementsNoLongerKeptException;
import io.clearline.iso20022.Iso20022Writer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At the close of each business day, every bank gets its camt.053 end-of-day statement per currency,
 * in as many pages as its entries need. In a processing group of its own, so that waiting for the
 * statements to be final never holds up a payment's pacs.002. Safe to run again: each page has a key
 * the outbox keeps once.
 */
@ProcessingGroup(StatementDelivery.PROCESSING_GROUP)
public class StatementDelivery {
    public static final String PROCESSING_GROUP = "outbound-statements";
    static final String STATEMENT_TYPE = "camt.053.001.08";
    /**
     * How long the close waits for the statements projection to reach it. The projection follows the
     * same event stream, so it is normally there already; past this a bank fetches the statement from
     * {@code GET /api/statements/{bic}} instead and the log says so.
     */
    static final Duration FINAL_STATEMENT_WAIT_MAX = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(StatementDelivery.class);

    private final OutboundDelivery delivery;
    private final Iso20022Writer writer;
    private final QueryGateway queries;

    public StatementDelivery(OutboundDelivery delivery, Iso20022Writer writer, QueryGateway queries) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    @EventHandler
    void on(BusinessDayClosedEvent event) throws InterruptedException {
        List<ParticipantView> participants = queries.query(new ListParticipantsQuery(),
                        ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .orTimeout(FINAL_STATEMENT_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS).join();
        try {
            deliverAll(participants, event.date());
        } catch (StatementsNoLongerKeptException replayedOldClose) {
            // A replay of a close older than the statements kept: they went to the banks when the day closed.
            log.info("Not sending the statements of {} again: {}", event.date(), replayedOldClose.getMessage());
        }
    }

    private void deliverAll(List<ParticipantView> participants, LocalDate date) throws InterruptedException {
        for (ParticipantView participant : participants) {
            AccountStatementsView statements = finalStatements(participant.bic(), date);
            if (statements == null) {
                log.error("Statements of {} for {} were not final within {}: no camt.053 sent; the bank can fetch"
                        + " them from /api/statements", participant.bic(), date, FINAL_STATEMENT_WAIT_MAX);
                continue;
            }
            for (AccountStatement statement : statements.statements()) {
                deliver(statement, date);
            }
        }
    }

    private void deliver(AccountStatement statement, LocalDate date) {
        String bic = statement.owner().value();
        List<String> pages = writer.endOfDayStatement(StatementActivities.activity(statement, date));
        for (int page = 0; page < pages.size(); page++) {
            delivery.deliver(bic, STATEMENT_TYPE, "camt.053:" + date + ":" + statement.currency() + ":" + (page + 1),
                    pages.get(page));
        }
    }

    private static boolean noLongerKept(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatementsNoLongerKeptException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The day's statements once the projection has closed the day, or null past the wait.
     *
     * @throws StatementsNoLongerKeptException when the day closed longer ago than statements are kept
     */
    private AccountStatementsView finalStatements(Bic bic, LocalDate date) throws InterruptedException {
        long deadline = System.nanoTime() + FINAL_STATEMENT_WAIT_MAX.toNanos();
        while (true) {
            try {
                AccountStatementsView view = queries.query(new FindAccountStatementsQuery(bic, date),
                                ResponseTypes.instanceOf(AccountStatementsView.class))
                        .orTimeout(FINAL_STATEMENT_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS).join();
                if (view.closed()) {
                    return view;
                }
            } catch (RuntimeException notYetKnown) {
                if (noLongerKept(notYetKnown)) {
                    throw new StatementsNoLongerKeptException(notYetKnown.getMessage());
                }
                // The projection has not seen the day yet: ask again.
                log.debug("statements of {} for {} not available yet: {}", bic, date, notYetKnown.getMessage());
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }
}
