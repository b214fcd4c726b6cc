package io.clearline.core.businessday;

import io.clearline.core.businessday.api.BusinessDayClosedEvent;
import io.clearline.core.businessday.api.BusinessDayCustomerCutOffEvent;
import io.clearline.core.businessday.api.BusinessDayCutOffEvent;
import io.clearline.core.businessday.api.BusinessDayOpenedEvent;
import io.clearline.core.businessday.api.BusinessDayPhase;
import io.clearline.core.businessday.api.BusinessDayView;
import io.clearline.core.businessday.api.FindBusinessDayQuery;
import io.clearline.core.common.api.ProcessingGroups;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;

/** The current business day, in memory, rebuilt from the event store at each start. */
@ProcessingGroup(ProcessingGroups.BUSINESS_DAY_PROJECTION)
public class BusinessDayProjection {
    private final AtomicReference<BusinessDayView> current = new AtomicReference<>();

    @EventHandler
    void on(BusinessDayOpenedEvent event) {
        current.set(new BusinessDayView(event.date(), BusinessDayPhase.OPEN, event.openedAt()));
    }

    @EventHandler
    void on(BusinessDayCustomerCutOffEvent event) {
        current.set(new BusinessDayView(event.date(), BusinessDayPhase.CUSTOMER_CUT_OFF, event.cutOffAt()));
    }

    @EventHandler
    void on(BusinessDayCutOffEvent event) {
        current.set(new BusinessDayView(event.date(), BusinessDayPhase.CUT_OFF, event.cutOffAt()));
    }

    @EventHandler
    void on(BusinessDayClosedEvent event) {
        current.set(new BusinessDayView(event.date(), BusinessDayPhase.CLOSED, event.closedAt()));
    }

    /** Null before the first business day opens: the network then runs without one. */
    @QueryHandler
    BusinessDayView handle(FindBusinessDayQuery query) {
        return current.get();
    }

    @ResetHandler
    void reset() {
        current.set(null);
    }
}
