package io.clearline.ops.ledger;

import io.clearline.adapters.web.FlowOperations;
import io.clearline.flows.ledger.Page;
import io.clearline.flows.runtime.FlowStatus;
import io.clearline.flows.settlement.ClearlineLedger;
import java.util.List;
import org.springframework.stereotype.Component;

/** The workspace's view of the ledger's parked flows, and the operator's retry and kill. */
@Component
class LedgerFlowOperations implements FlowOperations {
    private final ClearlineLedger ledger;

    LedgerFlowOperations(ClearlineLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public List<ParkedFlow> parked(int max) {
        int size = Math.max(1, Math.min(max, Page.PAGE_SIZE_MAX));
        return ledger.flowRunner().list(FlowStatus.PARKED, 0, size).items().stream()
                .map(flow -> new ParkedFlow(flow.flowId(),
                        flow.flowClass().substring(flow.flowClass().lastIndexOf('.') + 1), flow.attempts(),
                        flow.lastError(), flow.updatedAt()))
                .toList();
    }

    @Override
    public void retry(String flowId) {
        ledger.flowRunner().retry(flowId);
    }

    @Override
    public boolean kill(String flowId, String reason) {
        return ledger.flowRunner().kill(flowId, reason);
    }
}
