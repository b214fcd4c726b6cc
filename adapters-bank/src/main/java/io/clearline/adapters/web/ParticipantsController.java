package io.clearline.adapters.web;

import io.clearline.core.common.api.Bic;
import io.clearline.core.participant.api.AdmitParticipantCommand;
import io.clearline.core.participant.api.FindParticipantQuery;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantView;
import io.clearline.core.participant.api.ReactivateParticipantCommand;
import io.clearline.core.participant.api.RemoveParticipantCommand;
import io.clearline.core.participant.api.SuspendParticipantCommand;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/participants")
public class ParticipantsController {
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
    /** How long an admission waits for the read side to show the new participant. */
    static final Duration ADMISSION_VISIBLE_WITHIN = Duration.ofSeconds(10);

    private final QueryGateway queries;
    private final CommandGateway commands;

    public ParticipantsController(QueryGateway queries, CommandGateway commands) {
        this.queries = queries;
        this.commands = commands;
    }

    @GetMapping
    public List<Map<String, Object>> list() {
        return queries.query(new ListParticipantsQuery(), ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .orTimeout(QUERY_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .join().stream()
                .map(participant -> Map.<String, Object>of(
                        "bic", participant.bic().value(),
                        "name", participant.name(),
                        "status", participant.status().name(),
                        "admittedAt", participant.admittedAt().toString()))
                .toList();
    }

    /** The operator admits a bank. Admitting one that is already a participant changes nothing. */
    @PostMapping
    @PreAuthorize("hasRole('OPERATOR')")
    public ResponseEntity<Map<String, String>> admit(@RequestBody AdmissionRequest request) {
        Bic bic = Bic.of(request.bic());
        if (request.name() == null || request.name().isBlank() || request.name().length() > 140) {
            throw new IllegalArgumentException("name is required, at most 140 characters");
        }
        commands.sendAndWait(new AdmitParticipantCommand(bic, request.name().strip()));
        awaitReadSide(bic);
        return ResponseEntity.created(URI.create("/api/participants/" + bic.value()))
                .body(Map.of("bic", bic.value(), "name", request.name().strip()));
    }

    /**
     * The read side catches up asynchronously; without this wait an operator who admits a bank and
     * pledges to it at once could be told the bank is not a participant. Bounded: past the limit the
     * admission still stands (it is in the event store) and the answer says so.
     */
    private void awaitReadSide(Bic bic) {
        try (SubscriptionQueryResult<ParticipantView, ParticipantView> shown = queries.subscriptionQuery(
                new FindParticipantQuery(bic), ResponseTypes.instanceOf(ParticipantView.class),
                ResponseTypes.instanceOf(ParticipantView.class))) {
            Mono.firstWithValue(shown.initialResult(), shown.updates().next())
                    .block(ADMISSION_VISIBLE_WITHIN);
        } catch (RuntimeException notShownInTime) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, bic.value()
                    + " is admitted but not yet visible to queries; retry in a moment", notShownInTime);
        }
    }

    public record SuspensionRequest(String reason) {
    }

    /**
     * The operator suspends a bank: payments to or from it are rejected from now on (CNOR, DNOR) and
     * its queues freeze in place until it is reactivated.
     */
    @PostMapping("/{bic}/suspend")
    @PreAuthorize("hasRole('OPERATOR')")
    public Map<String, String> suspend(@PathVariable String bic, @RequestBody SuspensionRequest request) {
        Bic participant = Bic.of(bic);
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw new IllegalArgumentException("a suspension gives its reason");
        }
        return changeStatus(participant, "SUSPENDED",
                new SuspendParticipantCommand(participant, request.reason().strip()));
    }

    @PostMapping("/{bic}/reactivate")
    @PreAuthorize("hasRole('OPERATOR')")
    public Map<String, String> reactivate(@PathVariable String bic) {
        Bic participant = Bic.of(bic);
        return changeStatus(participant, "ACTIVE", new ReactivateParticipantCommand(participant));
    }

    /** Removal is for good, and only of a suspended bank (409 otherwise). */
    @DeleteMapping("/{bic}")
    @PreAuthorize("hasRole('OPERATOR')")
    public Map<String, String> remove(@PathVariable String bic) {
        Bic participant = Bic.of(bic);
        return changeStatus(participant, "REMOVED", new RemoveParticipantCommand(participant));
    }

    private Map<String, String> changeStatus(Bic bic, String status, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, bic.value() + " is not a participant");
        } catch (IllegalStateException | CommandExecutionException refused) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, refused.getMessage());
        }
        return Map.of("bic", bic.value(), "status", status);
    }

    public record AdmissionRequest(String bic, String name) {
    }
}
