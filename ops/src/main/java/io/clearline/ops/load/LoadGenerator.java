package io.clearline.ops.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The load generator: pacs.008 messages over HTTP between banks at a fixed rate, each timed from
 * the moment it was scheduled (not sent: a node that falls behind must show it) to its pacs.002 in
 * the payer's outbox. Prints progress each second and a latency table at the end.
 */
public final class LoadGenerator {
    private static final Pattern MESSAGE = Pattern.compile(
            "<Message sequence=\"(\\d+)\" type=\"pacs\\.002[^\"]*\"[^>]*>(.*?)</Message>", Pattern.DOTALL);
    private static final Pattern UETR = Pattern.compile("<(?:\\w+:)?OrgnlUETR>([^<]+)<");
    private static final Pattern STATUS = Pattern.compile("<(?:\\w+:)?TxSts>([A-Z]{4})<");
    private static final Pattern NEXT = Pattern.compile("<Outbox[^>]* next=\"(\\d+)\"");
    private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int OUTBOX_PAGE_SIZE = 1_000;

    private final LoadSettings settings;
    private final PrintStream out;
    private final HttpClient http;
    private final Histogram latencyMicros = new Histogram(HIGHEST_TRACKABLE_MICROS, 3);
    private final Map<String, Long> scheduledNanosByUetr = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refusedAtSubmission = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicBoolean polling = new AtomicBoolean(true);

    LoadGenerator(LoadSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /** @return the process exit status: 0 when every message got its pacs.002, 1 otherwise, 2 on a usage error */
    public static int run(String[] args) {
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        } catch (IllegalArgumentException usage) {
            if (!usage.getMessage().isEmpty()) {
                System.err.println("clearline load: " + usage.getMessage());
            }
            System.err.println(LoadSettings.USAGE);
            return 2;
        }
        try {
            return new LoadGenerator(settings, System.out).drive();
        } catch (IOException | InterruptedException failure) {
            System.err.println("clearline load: " + failure.getMessage());
            return 1;
        }
    }

    int drive() throws IOException, InterruptedException {
        Map<String, Long> cursors = new ConcurrentHashMap<>();
        for (String bank : settings.banks()) {
            cursors.put(bank, tailOf(bank));
        }
        out.printf("Load: %d msg/s, up to %d messages or %d s, between %s, against %s%n",
                settings.ratePerSecond(), settings.count(), settings.durationMax().toSeconds(),
                String.join(",", settings.banks()), settings.url());
        try (ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            settings.banks().forEach(bank -> pollers.submit(() -> pollOutbox(bank, cursors)));
            long startNanos = System.nanoTime();
            long sendingNanos = schedule(senders, startNanos);
            long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
            while (completed() + refusedAtSubmission.get() < sent.get() && System.nanoTime() < deadline) {
                progress(startNanos);
                Thread.sleep(1_000);
            }
            polling.set(false);
            report(startNanos, sendingNanos);
        }
        return completed() + refusedAtSubmission.get() == sent.get() && refusedAtSubmission.get() == 0 ? 0 : 1;
    }

    private long schedule(ExecutorService senders, long startNanos) {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond();
        long endNanos = startNanos + settings.durationMax().toNanos();
        long nextProgressNanos = startNanos + TimeUnit.SECONDS.toNanos(1);
        for (int index = 0; index < settings.count(); index++) {
            long scheduledNanos = startNanos + index * intervalNanos;
            if (scheduledNanos > endNanos) {
                break;
            }
            for (long wait = scheduledNanos - System.nanoTime(); wait > 0; wait = scheduledNanos - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (sent.get() - completed() - refusedAtSubmission.get() >= settings.inFlightMax()) {
                out.printf("Stopping: %d messages in flight reached --in-flight-max%n", settings.inFlightMax());
                break;
            }
            int number = index;
            sent.incrementAndGet();
            senders.submit(() -> submit(number, scheduledNanos));
            if (System.nanoTime() >= nextProgressNanos) {
                progress(startNanos);
                nextProgressNanos += TimeUnit.SECONDS.toNanos(1);
            }
        }
        return System.nanoTime() - startNanos;
    }

    private void submit(int number, long scheduledNanos) {
        int bankCount = settings.banks().size();
        String payer = settings.banks().get(number % bankCount);
        // Walk every other bank in turn so that each pair of banks is exercised.
        String payee = settings.banks().get((number + 1 + (number / bankCount) % (bankCount - 1)) % bankCount);
        String uetr = UUID.randomUUID().toString();
        String messageId = "LOAD-" + uetr.substring(0, 8) + "-" + number;
        scheduledNanosByUetr.put(uetr, scheduledNanos);
        String xml = Pacs008Template.creditTransfer(messageId, uetr, payer, payee, settings.amount(),
                settings.currency(), settings.settlementDate());
        HttpRequest request = HttpRequest.newBuilder(settings.url().resolve("/api/iso20022/messages"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(payer))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                refuse(uetr, "HTTP " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException | InterruptedException failure) {
            refuse(uetr, failure.toString());
        }
    }

    private void refuse(String uetr, String why) {
        if (scheduledNanosByUetr.remove(uetr) != null && refusedAtSubmission.incrementAndGet() <= 5) {
            out.println("Refused at submission: " + why);
        }
    }

    private void pollOutbox(String bank, Map<String, Long> cursors) {
        while (polling.get()) {
            try {
                String page = get("/api/iso20022/outbox/" + bank + "?after=" + cursors.get(bank) + "&limit="
                        + OUTBOX_PAGE_SIZE, bank);
                long now = System.nanoTime();
                Matcher message = MESSAGE.matcher(page);
                while (message.find()) {
                    record(message.group(2), now);
                }
                Matcher next = NEXT.matcher(page);
                if (next.find()) {
                    cursors.put(bank, Long.parseLong(next.group(1)));
                }
                if (!page.contains("<Message ")) {
                    Thread.sleep(settings.pollInterval().toMillis());
                }
            } catch (IOException failure) {
                out.println("Outbox of " + bank + " unreadable: " + failure.getMessage());
                LockSupport.parkNanos(settings.pollInterval().toNanos());
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    private void record(String statusReport, long observedNanos) {
        Matcher uetr = UETR.matcher(statusReport);
        Matcher status = STATUS.matcher(statusReport);
        if (!uetr.find() || !status.find()) {
            return;
        }
        Long scheduledNanos = scheduledNanosByUetr.remove(uetr.group(1));
        if (scheduledNanos == null) {
            return; // not one of ours, or already counted
        }
        synchronized (latencyMicros) {
            latencyMicros.recordValue(Math.min(HIGHEST_TRACKABLE_MICROS,
                    TimeUnit.NANOSECONDS.toMicros(observedNanos - scheduledNanos)));
        }
        if ("ACSC".equals(status.group(1))) {
            settled.incrementAndGet();
        } else {
            rejected.incrementAndGet();
        }
    }

    private long tailOf(String bank) throws IOException, InterruptedException {
        long cursor = 0;
        while (true) {
            String page = get("/api/iso20022/outbox/" + bank + "?after=" + cursor + "&limit=" + OUTBOX_PAGE_SIZE,
                    bank);
            Matcher next = NEXT.matcher(page);
            long nextCursor = next.find() ? Long.parseLong(next.group(1)) : cursor;
            if (nextCursor == cursor) {
                return cursor;
            }
            cursor = nextCursor;
        }
    }

    private String get(String path, String bank) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(settings.url().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", basic(bank)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    }

    private long completed() {
        return settled.get() + rejected.get();
    }

    private void progress(long startNanos) {
        out.printf("%6.1f s  sent %d  settled %d  rejected %d  refused %d  awaiting pacs.002 %d%n",
                (System.nanoTime() - startNanos) / 1e9, sent.get(), settled.get(), rejected.get(),
                refusedAtSubmission.get(), sent.get() - completed() - refusedAtSubmission.get());
    }

    private void report(long startNanos, long sendingNanos) {
        Histogram latency;
        synchronized (latencyMicros) {
            latency = latencyMicros.copy();
        }
        double sendingSeconds = sendingNanos / 1e9;
        double totalSeconds = (System.nanoTime() - startNanos) / 1e9;
        out.println();
        out.printf("Sent %d in %.1f s (%.1f/s offered); settled %d, rejected %d, refused at submission %d,"
                        + " unanswered %d%n", sent.get(), sendingSeconds, sent.get() / sendingSeconds, settled.get(),
                rejected.get(), refusedAtSubmission.get(), sent.get() - completed() - refusedAtSubmission.get());
        out.printf("Throughput: %.1f pacs.002/s over %.1f s%n", completed() / totalSeconds, totalSeconds);
        out.println("Latency, scheduled send to pacs.002 (ms):");
        out.printf("  p50 %8.2f%n  p90 %8.2f%n  p99 %8.2f%n  p99.9 %6.2f%n  max %8.2f%n",
                millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(90)),
                millis(latency.getValueAtPercentile(99)), millis(latency.getValueAtPercentile(99.9)),
                millis(latency.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1_000.0;
    }
}
