package io.clearline.features;

import io.cucumber.java.ParameterType;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The rulebook names banks, amounts and priorities as people do; these turn them into BICs, decimals
 * and the priorities the node knows. One instance per scenario: a newcomer's name means a bank of that
 * scenario alone.
 */
public class ParameterTypes {
    /** The demo network's banks, which the demo profile admits with opening balances. */
    static final Map<String, String> BANKS = Map.of(
            "Alpha Bank", "ALPHEUAAXXX",
            "Bravo Bank", "BRAVEUBBXXX",
            "Charlie Bank", "CHRLEUCCXXX",
            "Delta Bank", "DELTEUDDXXX");

    /**
     * Newcomers: each scenario that names one gets a bank of its own, admitted by that scenario and
     * touched by no other, so that what other scenarios left queued, limited or suspended cannot change
     * its outcome, whatever order the features run in. The value is the BIC's bank code.
     */
    private static final Map<String, String> NEWCOMER_BANK_CODES = Map.of(
            "Hotel Bank", "HOTL",
            "India Bank", "INDI",
            "Juliett Bank", "JULT");

    /** Two letters of location code per newcomer: 676 newcomers per node, far more than the rulebook names. */
    private static final int NEWCOMERS_MAX = 26 * 26;
    private static final AtomicInteger NEWCOMERS_ADMITTED = new AtomicInteger();

    /** This scenario's newcomers, by name. */
    private final Map<String, String> newcomers = new HashMap<>();

    @ParameterType("Alpha Bank|Bravo Bank|Charlie Bank|Delta Bank|Hotel Bank|India Bank|Juliett Bank")
    public String bank(String name) {
        String bankCode = NEWCOMER_BANK_CODES.get(name);
        if (bankCode == null) {
            return BANKS.get(name);
        }
        return newcomers.computeIfAbsent(name, newcomer -> {
            int sequence = NEWCOMERS_ADMITTED.getAndIncrement();
            if (sequence >= NEWCOMERS_MAX) {
                throw new IllegalStateException("more than " + NEWCOMERS_MAX + " newcomers in one run");
            }
            return bankCode + "EU" + (char) ('A' + sequence / 26) + (char) ('A' + sequence % 26) + "XXX";
        });
    }

    /** The name the rulebook gives the bank with this BIC in this scenario. */
    String nameOf(String bic) {
        return Stream.concat(BANKS.entrySet().stream(), newcomers.entrySet().stream())
                .filter(entry -> entry.getValue().equals(bic)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no bank in this scenario has the BIC " + bic));
    }

    @ParameterType("\\d+\\.\\d{2}")
    public BigDecimal amount(String amount) {
        return new BigDecimal(amount);
    }

    /** The priorities liquidity may be reserved for, as the node names them. */
    @ParameterType("high-priority|urgent")
    public String reservedPriority(String words) {
        return words.equals("urgent") ? "URGENT" : "HIGH";
    }
}
