package io.clearline.core;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.payment.api.PaymentReferences;

/** Fixed values the tests share, so every test reads as the rule it checks. */
public final class TestData {
    public static final Bic BANK_A = Bic.of("BANKAAAAXXX");
    public static final Bic BANK_B = Bic.of("BANKBBBBXXX");
    public static final Bic BANK_C = Bic.of("BANKCCCCXXX");
    public static final Uetr UETR_1 = Uetr.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c1e01");
    public static final Uetr UETR_2 = Uetr.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c1e02");
    public static final Uetr UETR_3 = Uetr.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c1e03");
    public static final PaymentReferences REFERENCES =
            new PaymentReferences("MSG-1", "pacs.008.001.08", "INSTR-1", "E2E-1");

    private TestData() {
    }

    public static Money euros(long minorUnits) {
        return Money.of(minorUnits, "EUR");
    }
}
