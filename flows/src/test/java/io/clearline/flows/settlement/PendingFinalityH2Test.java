package io.clearline.flows.settlement;

import javax.sql.DataSource;

class PendingFinalityH2Test extends PendingFinalityContract {
    @Override
    DataSource newDatabase() {
        return LedgerFixture.dataSource();
    }
}
