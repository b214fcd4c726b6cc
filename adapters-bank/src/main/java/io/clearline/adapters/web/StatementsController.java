package io.clearline.adapters.web;

import io.clearline.adapters.outbound.StatementActivities;
import io.clearline.adapters.security.BankAccess;
import io.clearline.core.common.api.Bic;
import io.clearline.core.statement.api.AccountStatement;
import io.clearline.core.statement.api.AccountStatementsView;
import io.clearline.core.statement.api.FindAccountStatementsQuery;
import io.clearline.core.statement.api.StatementEntry;
import io.clearline.iso20022.AccountActivity;
import io.clearline.iso20022.Iso20022Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A bank's account statements: a closed business day's final one, or the running day's so far, per
 * currency, with its opening and closing balance and every booking. Entries come a page at a time.
 */
@RestController
@RequestMapping("/api/statements")
public class StatementsController {
    /** The most entries one page holds: a busy bank books far more in a day than one answer should carry. */
    static final int ENTRIES_PER_PAGE_MAX = 1_000;

    private final QueryGateway queries;
    private final Iso20022Writer writer;
    private final Clock clock;
    private final ZoneId businessZone;

    public StatementsController(QueryGateway queries, Iso20022Writer writer, Clock clock,
                                @Value("${clearline.iso20022.business-zone}") String businessZone) {
        this.queries = queries;
        this.writer = writer;
        this.clock = clock;
        this.businessZone = ZoneId.of(businessZone);
    }

    /**
     * The same statement as ISO 20022, one message per currency and page: a closed day's camt.053
     * end-of-day statement (the one sent at the close), or the running day's camt.052 intraday report.
     *
     * @param currency the statement's currency
     * @param page the message's page number, from 1; the response names the last in {@code X-Clearline-Pages}
     */
    @GetMapping(value = "/{bic}/iso20022", produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<String> iso20022(@PathVariable String bic, @RequestParam(required = false) String date,
                                           @RequestParam String currency, @RequestParam(defaultValue = "1") int page,
                                           Authentication caller) {
        if (!BankAccess.maySee(caller, bic)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a bank sees only its own statements");
        }
        AccountStatementsView view = find(Bic.of(bic), businessDate(date));
        AccountStatement statement = view.statements().stream()
                .filter(candidate -> candidate.currency().equals(currency)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, bic + " has no " + currency
                        + " statement for " + (date == null ? "the running day" : date)));
        // Before the network ever opened a day, the running period is dated by the business zone's calendar.
        LocalDate reportDate = view.businessDate() != null ? view.businessDate()
                : LocalDate.ofInstant(clock.instant(), businessZone);
        AccountActivity activity = StatementActivities.activity(statement, reportDate);
        List<String> pages = view.closed() ? writer.endOfDayStatement(activity) : writer.intradayReport(activity);
        if (page < 1 || page > pages.size()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "page " + page + " of " + pages.size());
        }
        return ResponseEntity.ok().header("X-Clearline-Pages", String.valueOf(pages.size()))
                .contentType(MediaType.APPLICATION_XML).body(pages.get(page - 1));
    }

    /**
     * @param date the business day (ISO date); without it, the running day
     * @param page the page of entries, from 0, in each currency's statement
     */
    @GetMapping("/{bic}")
    public Map<String, Object> statements(@PathVariable String bic, @RequestParam(required = false) String date,
                                          @RequestParam(defaultValue = "0") int page,
                                          @RequestParam(defaultValue = "" + ENTRIES_PER_PAGE_MAX) int size,
                                          Authentication caller) {
        if (!BankAccess.maySee(caller, bic)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a bank sees only its own statements");
        }
        if (page < 0 || size < 1 || size > ENTRIES_PER_PAGE_MAX) {
            throw new IllegalArgumentException("page is 0 or more and size between 1 and " + ENTRIES_PER_PAGE_MAX);
        }
        AccountStatementsView view = find(Bic.of(bic), businessDate(date));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bic", view.owner().value());
        body.put("businessDate", view.businessDate() == null ? null : view.businessDate().toString());
        body.put("closed", view.closed());
        body.put("page", page);
        body.put("size", size);
        body.put("statements", view.statements().stream().map(statement -> statement(statement, page, size)).toList());
        return body;
    }

    private AccountStatementsView find(Bic bic, LocalDate date) {
        try {
            return queries.query(new FindAccountStatementsQuery(bic, date),
                            ResponseTypes.instanceOf(AccountStatementsView.class))
                    .orTimeout(ParticipantsController.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (CompletionException failed) {
            // A day never run, or no longer kept, is refused by the projection with the reason.
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException unknownDay) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND, unknownDay.getMessage());
                }
            }
            throw failed;
        }
    }

    private static LocalDate businessDate(String date) {
        if (date == null) {
            return null;
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException notADate) {
            throw new IllegalArgumentException("date is an ISO date, like 2026-11-24");
        }
    }

    private static Map<String, Object> statement(AccountStatement statement, int page, int size) {
        String currency = statement.currency();
        List<StatementEntry> entries = statement.entries();
        int from = (int) Math.min((long) page * size, entries.size());
        int to = Math.min(from + size, entries.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("currency", currency);
        body.put("opening", Amounts.formatSigned(statement.openingMinorUnits(), currency));
        body.put("closing", Amounts.formatSigned(statement.closingMinorUnits(), currency));
        body.put("credits", Amounts.formatSigned(statement.creditsMinorUnits(), currency));
        body.put("debits", Amounts.formatSigned(statement.debitsMinorUnits(), currency));
        body.put("entryCount", entries.size());
        body.put("entries", entries.subList(from, to).stream().map(StatementsController::entry).toList());
        return body;
    }

    private static Map<String, Object> entry(StatementEntry entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bookedAt", entry.bookedAt().toString());
        body.put("direction", entry.credit() ? "CRDT" : "DBIT");
        body.put("amount", Amounts.format(entry.amount()));
        body.put("kind", entry.kind().name());
        body.put("counterparty", entry.counterparty() == null ? null : entry.counterparty().value());
        body.put("reference", entry.reference());
        body.put("endToEndId", entry.endToEndId());
        body.put("ledgerTransactionId", entry.ledgerTransactionId());
        return body;
    }
}
