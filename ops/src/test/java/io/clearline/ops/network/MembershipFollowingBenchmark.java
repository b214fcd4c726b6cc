package io.clearline.ops.network;

import io.clearline.flows.network.MembershipStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long a following node takes to hold a membership change: the central bank's node and a follower in
 * one JVM (each its own H2 database and port, over HTTP on loopback, as {@link MembershipFollowingNodesTest}
 * starts them); for each change, an admission or a suspension through {@code POST /api/participants}, it
 * measures from the operator's answer until the central bank has stored the new epoch (published), and
 * until the follower has stored it too (followed). Each change waits a random time under one poll interval
 * first, so that changes arrive at any point of the follower's cycle, as an operator's would, rather than
 * just after the poll that took the previous one. Run it by hand (BENCHMARKS.md has the command); it is
 * not a test.
 *
 * <p>Arguments: {@code changes} (admissions and suspensions, half each; at most 2 × 26 × 26) and the
 * follower's poll interval (ISO 8601, {@code PT2S} the node's default).
 */
public final class MembershipFollowingBenchmark {
    private static final Duration WAIT_MAX = Duration.ofMinutes(1);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(5);

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Duration pollInterval = args.length > 1 ? Duration.parse(args[1]) : Duration.ofSeconds(2);
        if (changes < 2 || changes > 2 * 26 * 26) {
            throw new IllegalArgumentException("from 2 to " + 2 * 26 * 26 + " changes, not " + changes);
        }
        Path folder = Files.createTempDirectory("clearline-membership-bench");
        try (ConfigurableApplicationContext publisher = MembershipNodes.startPublisher(folder.resolve("central-bank"));
             ConfigurableApplicationContext follower = MembershipNodes.startFollower(folder.resolve("follower"),
                     MembershipNodes.baseUri(publisher), MembershipNodes.rootPublicKey(publisher), pollInterval,
                     Duration.ofMinutes(5))) {
            MembershipStore published = publisher.getBean(MembershipStore.class);
            MembershipStore followed = follower.getBean(MembershipStore.class);
            awaitEpoch(followed, epochOf(published));
            List<Long> publishMillis = new ArrayList<>();
            List<Long> followMillis = new ArrayList<>();
            HttpClient http = HttpClient.newHttpClient();
            URI base = MembershipNodes.baseUri(publisher);
            for (int change = 0; change < changes; change++) {
                String bic = "BN" + (char) ('A' + change / 2 / 26) + (char) ('A' + change / 2 % 26) + "EUBBXXX";
                Thread.sleep(ThreadLocalRandom.current().nextLong(pollInterval.toMillis()));
                long before = epochOf(published);
                long start = System.nanoTime();
                HttpRequest request = change % 2 == 0
                        ? post(base.resolve("/api/participants"), "{\"bic\":\"" + bic + "\",\"name\":\"Bench\"}")
                        : post(base.resolve("/api/participants/" + bic + "/suspend"), "{\"reason\":\"bench\"}");
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 != 2) {
                    throw new IllegalStateException("change " + change + " answered " + answer.statusCode());
                }
                awaitEpoch(published, before + 1);
                publishMillis.add((System.nanoTime() - start) / 1_000_000);
                awaitEpoch(followed, before + 1);
                followMillis.add((System.nanoTime() - start) / 1_000_000);
            }
            System.out.printf("changes %d, poll interval %s%n", changes, pollInterval);
            System.out.println("ms from the operator's answer | median | p90 | max");
            System.out.println("published at the central bank | " + summary(publishMillis));
            System.out.println("held by the follower          | " + summary(followMillis));
        }
    }

    private static HttpRequest post(URI uri, String body) {
        String operator = Base64.getEncoder().encodeToString("operator:demo".getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri).header("Authorization", "Basic " + operator)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static long epochOf(MembershipStore store) {
        return store.latestEpoch().map(MembershipStore.HeldEpoch::epoch).orElse(0L);
    }

    private static void awaitEpoch(MembershipStore store, long epoch) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (epochOf(store) < epoch) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("epoch " + epoch + " not stored within " + WAIT_MAX);
            }
            Thread.sleep(PROBE_INTERVAL.toMillis());
        }
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return sorted.get(sorted.size() / 2) + " | " + sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1) + " | "
                + sorted.get(sorted.size() - 1);
    }
}
