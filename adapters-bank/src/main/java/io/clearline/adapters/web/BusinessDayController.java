package io.clearline.adapters.web;

import io.clearline.core.businessday.api.BusinessDayView;
import io.clearline.core.businessday.api.CloseBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffCustomerPaymentsCommand;
import io.clearline.core.businessday.api.FindBusinessDayQuery;
import io.clearline.core.businessday.api.OpenBusinessDayCommand;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The business day: everyone may see where it is; the operator opens a date, passes its cut-off (new
 * payments refused with TM01) and closes it (what is still queued is cancelled with TM01). A step out of
 * order is a conflict (409).
 */
@RestController
@RequestMapping("/api/business-day")
public class BusinessDayController {
    private final CommandGateway commands;
    private final QueryGateway queries;

    public BusinessDayController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    public record OpenRequest(String date) {
    }

    @GetMapping
    public Map<String, Object> current() {
        BusinessDayView day = queries.query(new FindBusinessDayQuery(), ResponseTypes.instanceOf(BusinessDayView.class))
                .orTimeout(ParticipantsController.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        Map<String, Object> body = new LinkedHashMap<>();
        if (day == null) {
            // Never opened: the network runs without business days, taking payments at any time.
            body.put("phase", "NONE");
            return body;
        }
        body.put("date", day.date().toString());
        body.put("phase", day.phase().name());
        body.put("since", day.since().toString());
        return body;
    }

    @PostMapping("/open")
    @PreAuthorize("hasRole('OPERATOR')")
    public Map<String, Object> open(@RequestBody OpenRequest request) {
        LocalDate date;
        try {
            date = LocalDate.parse(request == null || request.date() == null ? "" : request.date());
        } catch (DateTimeParseException notADate) {
            throw new IllegalArgumentException("date is an ISO date, like 2026-11-24");
        }
        return step(new OpenBusinessDayCommand(date), "OPEN");
    }

    /** Customer payments (pacs.008) are refused from now on; interbank payments until the cut-off. */
    @PostMapping("/customer-cut-off")
    @PreAuthorize("hasRole('OPERATOR')")
    public Map<String, Object> cutOffCustomerPayments() {
        return step(new CutOffCustomerPaymentsCommand(), "CUSTOMER_CUT_OFF");
    }

    @PostMapping("/cut-off")
    @PreAuthorize("hasRole('OPERATOR')")
    public Map<String, Object> cutOff() {
        return step(new CutOffBusinessDayCommand(), "CUT_OFF");
    }

    @PostMapping("/close")
    @PreAuthorize("hasRole('OPERATOR')")
    public Map<String, Object> close() {
        return step(new CloseBusinessDayCommand(), "CLOSED");
    }

    private Map<String, Object> step(Object command, String phase) {
        try {
            commands.sendAndWait(command);
        } catch (IllegalStateException | CommandExecutionException | org.axonframework.modelling.command
                .AggregateNotFoundException outOfOrder) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, outOfOrder.getMessage());
        }
        return Map.of("phase", phase);
    }
}
