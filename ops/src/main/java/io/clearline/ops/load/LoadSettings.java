package io.clearline.ops.load;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the load generator is asked to do; every limit it runs under is here, named. */
record LoadSettings(URI url, int ratePerSecond, int count, Duration durationMax, List<String> banks,
                    String password, String amount, String currency, LocalDate settlementDate,
                    Duration drainTimeout, Duration pollInterval, int inFlightMax) {

    static final String USAGE = """
            usage: clearline load [--url http://localhost:8080] [--rate 50] [--count 1000] [--duration 60]
                                  [--banks ALPHEUAAXXX,BRAVEUBBXXX,CHRLEUCCXXX] [--password demo]
                                  [--amount 1.00] [--currency EUR] [--drain 30] [--in-flight-max 10000]
              Submits pacs.008 messages over HTTP between the banks at a fixed rate (open loop: a slow node
              cannot slow the schedule down) and measures, for each, the time from its scheduled send to the
              pacs.002 in the payer's outbox. Stops after --count messages or --duration seconds.""";

    static LoadSettings parse(String[] args) {
        URI url = URI.create("http://localhost:8080");
        int rate = 50;
        int count = 1_000;
        Duration duration = Duration.ofSeconds(60);
        List<String> banks = List.of("ALPHEUAAXXX", "BRAVEUBBXXX", "CHRLEUCCXXX");
        String password = "demo";
        String amount = "1.00";
        String currency = "EUR";
        Duration drain = Duration.ofSeconds(30);
        int inFlightMax = 10_000;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (option.equals("--help")) {
                throw new IllegalArgumentException("");
            }
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = rest.remove(0);
            switch (option) {
                case "--url" -> url = URI.create(value.replaceAll("/+$", ""));
                case "--rate" -> rate = positive(option, value);
                case "--count" -> count = positive(option, value);
                case "--duration" -> duration = Duration.ofSeconds(positive(option, value));
                case "--banks" -> banks = List.of(value.split(","));
                case "--password" -> password = value;
                case "--amount" -> amount = value;
                case "--currency" -> currency = value;
                case "--drain" -> drain = Duration.ofSeconds(positive(option, value));
                case "--in-flight-max" -> inFlightMax = positive(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (banks.size() < 2) {
            throw new IllegalArgumentException("--banks needs at least two banks to pay each other");
        }
        return new LoadSettings(url, rate, count, duration, banks, password, amount, currency,
                LocalDate.now(ZoneId.of("Europe/Berlin")), drain, Duration.ofMillis(20), inFlightMax);
    }

    private static int positive(String option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new IllegalArgumentException(option + " takes a whole number above zero, not " + value);
    }
}
