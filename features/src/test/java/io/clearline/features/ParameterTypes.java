package io.clearline.features;

import io.cucumber.java.ParameterType;
import java.math.BigDecimal;
import java.util.Map;

/** The rulebook names banks and amounts as people do; these turn them into BICs and decimals. */
public class ParameterTypes {
    /** The demo network's banks, as the demo profile admits them. */
    private static final Map<String, String> DEMO_BANKS = Map.of(
            "Alpha Bank", "ALPHEUAAXXX",
            "Bravo Bank", "BRAVEUBBXXX",
            "Charlie Bank", "CHRLEUCCXXX",
            "Delta Bank", "DELTEUDDXXX");

    @ParameterType("Alpha Bank|Bravo Bank|Charlie Bank|Delta Bank")
    public String bank(String name) {
        return DEMO_BANKS.get(name);
    }

    @ParameterType("\\d+\\.\\d{2}")
    public BigDecimal amount(String amount) {
        return new BigDecimal(amount);
    }
}
