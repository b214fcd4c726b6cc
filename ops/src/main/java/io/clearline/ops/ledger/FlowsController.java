package io.clearline.ops.ledger;

import io.clearline.flows.ledger.Page;
import io.clearline.flows.runtime.FlowRunner;
import io.clearline.flows.runtime.FlowStatus;
import io.clearline.flows.runtime.FlowSummary;
import io.clearline.flows.settlement.ClearlineLedger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The ledger's flows for operators: list them by status (parked ones are what needs a look), retry a
 * parked one from its journal, or kill one that never reached its notary. The regulator may look.
 * Flow ids carry a UETR or a transfer id, never amounts: listing them shows no bank's money.
 */
@RestController
@RequestMapping("/api/flows")
public class FlowsController {
    /** Flows per page unless the caller asks for another size (at most the ledger's page maximum). */
    static final int PAGE_SIZE_DEFAULT = 50;

    private final FlowRunner flows;

    public FlowsController(ClearlineLedger ledger) {
        this.flows = ledger.flowRunner();
    }

    public record KillRequest(String reason) {
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('OPERATOR', 'REGULATOR')")
    public Map<String, Object> list(@RequestParam(defaultValue = "PARKED") String status,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "" + PAGE_SIZE_DEFAULT) int size) {
        FlowStatus wanted;
        try {
            wanted = FlowStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("status is one of " + java.util.Arrays.toString(FlowStatus.values()));
        }
        if (page < 0) {
            throw new IllegalArgumentException("page is 0 or more");
        }
        Page.checkPageSize(size);
        Page<FlowSummary> found = flows.list(wanted, page, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", wanted.name());
        body.put("page", found.pageNumber());
        body.put("hasMore", found.hasMore());
        body.put("flows", found.items().stream().map(FlowsController::view).toList());
        return body;
    }

    @PostMapping("/{flowId}/retry")
    @PreAuthorize("hasRole('OPERATOR')")
    public ResponseEntity<Map<String, Object>> retry(@PathVariable String flowId) {
        try {
            flows.retry(flowId);
        } catch (IllegalArgumentException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, unknown.getMessage());
        } catch (IllegalStateException notParked) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, notParked.getMessage());
        }
        return ResponseEntity.accepted().body(Map.of("flowId", flowId, "outcome", "RETRYING"));
    }

    /** Kill only what never reached its notary: a notarised transaction left unrecorded is worse (retry it). */
    @PostMapping("/{flowId}/kill")
    @PreAuthorize("hasRole('OPERATOR')")
    public Map<String, Object> kill(@PathVariable String flowId, @RequestBody KillRequest request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw new IllegalArgumentException("an operator says why a flow is killed");
        }
        if (!flows.kill(flowId, request.reason().strip())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no running or parked flow " + flowId);
        }
        return Map.of("flowId", flowId, "outcome", "KILLED");
    }

    private static Map<String, Object> view(FlowSummary flow) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flowId", flow.flowId());
        body.put("flow", flow.flowClass().substring(flow.flowClass().lastIndexOf('.') + 1));
        body.put("status", flow.status().name());
        body.put("attempts", flow.attempts());
        body.put("lastError", flow.lastError());
        body.put("createdAt", flow.createdAt().toString());
        body.put("updatedAt", flow.updatedAt().toString());
        return body;
    }
}
