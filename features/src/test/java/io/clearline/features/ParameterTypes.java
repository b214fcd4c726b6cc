package io.clearline.features;

import io.cucumber.java.ParameterType;
import java.math.BigDecimal;
import java.util.Map;

/** The rulebook names banks and amounts as people do; these turn them into BICs and decimals. */
public class ParameterTypes {
    /**
     * The demo network's banks, as the demo profile admits them, and the banks the rulebook's scenarios
     * admit themselves (with no liquidity, so that they start every scenario alike).
     */
    static final Map<String, String> BANKS = Map.of(
            "Alpha Bank", "ALPHEUAAXXX",
            "Bravo Bank", "BRAVEUBBXXX",
            "Charlie Bank", "CHRLEUCCXXX",
            "Delta Bank", "DELTEUDDXXX",
            "Echo Bank", "ECHOEUEEXXX",
            "Foxtrot Bank", "FOXTEUFFXXX",
            "Golf Bank", "GOLFEUGGXXX");

    /** The banks the demo profile admits with opening balances. */
    static final java.util.List<String> DEMO_BANKS =
            java.util.List.of("ALPHEUAAXXX", "BRAVEUBBXXX", "CHRLEUCCXXX", "DELTEUDDXXX");

    @ParameterType("Alpha Bank|Bravo Bank|Charlie Bank|Delta Bank|Echo Bank|Foxtrot Bank|Golf Bank")
    public String bank(String name) {
        return BANKS.get(name);
    }

    @ParameterType("\\d+\\.\\d{2}")
    public BigDecimal amount(String amount) {
        return new BigDecimal(amount);
    }
}
