package io.clearline.adapters.web;

import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.GridlockRunTrigger;
import io.clearline.core.lsm.api.GridlockRuns;
import io.clearline.core.lsm.api.ListGridlockRunsQuery;
import io.clearline.core.lsm.api.ResolutionMode;
import io.clearline.iso20022.Iso4217;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Gridlock resolution runs: the operator starts one now (FIFO by default, or OPTIMISING, which may
 * settle out of FIFO order when that settles more value); operator and regulator read the latest.
 * The answer to a run is its record: what settled, in which ledger transaction, and why the rest stayed.
 */
@RestController
@RequestMapping("/api/lsm/runs")
public class GridlockRunsController {
    /** The most runs one listing returns. */
    static final int LISTED_RUNS_MAX = 200;

    private final GridlockRuns runs;
    private final QueryGateway queries;

    public GridlockRunsController(GridlockRuns runs, QueryGateway queries) {
        this.runs = runs;
        this.queries = queries;
    }

    public record RunRequest(String currency, ResolutionMode mode) {
    }

    @PostMapping
    @PreAuthorize("hasRole('OPERATOR')")
    public ResponseEntity<Map<String, Object>> run(@RequestBody(required = false) RunRequest request) {
        String currency = request == null || request.currency() == null ? "EUR" : request.currency();
        if (!Iso4217.isCurrency(currency)) {
            throw new IllegalArgumentException("not an ISO 4217 currency: " + currency);
        }
        ResolutionMode mode = request == null || request.mode() == null ? ResolutionMode.FIFO : request.mode();
        GridlockRunRecordedEvent run;
        try {
            run = runs.run(currency, mode, GridlockRunTrigger.OPERATOR);
        } catch (IllegalStateException runInProgress) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, runInProgress.getMessage(), runInProgress);
        }
        return ResponseEntity.created(URI.create("/api/lsm/runs/" + run.runId())).body(view(run));
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('OPERATOR', 'REGULATOR')")
    public List<Map<String, Object>> latest(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > LISTED_RUNS_MAX) {
            throw new IllegalArgumentException("limit is 1 to " + LISTED_RUNS_MAX + ", not " + limit);
        }
        return queries.query(new ListGridlockRunsQuery(limit),
                        ResponseTypes.multipleInstancesOf(GridlockRunRecordedEvent.class))
                .orTimeout(ParticipantsController.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join()
                .stream().map(GridlockRunsController::view).toList();
    }

    private static Map<String, Object> view(GridlockRunRecordedEvent run) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", run.runId());
        body.put("currency", run.currency());
        body.put("mode", run.mode().name());
        body.put("algorithm", run.algorithm() == null ? null : run.algorithm().name());
        body.put("trigger", run.trigger().name());
        body.put("outcome", run.outcome().name());
        body.put("considered", run.considered());
        body.put("settled", run.settledUetrs().stream().map(uetr -> uetr.value()).toList());
        body.put("settledValue", Amounts.format(run.settledValue()));
        body.put("ledgerTransactionId", run.ledgerTransactionId());
        body.put("stayQueued", run.stayQueued().stream()
                .map(stay -> Map.of("uetr", stay.uetr().value(), "reason", stay.reason().name())).toList());
        body.put("abortReason", run.abortReason());
        body.put("startedAt", run.startedAt().toString());
        body.put("finishedAt", run.finishedAt().toString());
        return body;
    }
}
