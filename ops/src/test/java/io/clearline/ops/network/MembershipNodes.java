package io.clearline.ops.network;

import io.clearline.flows.network.MembershipPublisher;
import io.clearline.ops.ClearlineApplication;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nodes of one network in one JVM, each on its own H2 database and port: the central bank's node, which
 * publishes the membership list, and nodes that follow it over HTTP, as separate processes would.
 */
final class MembershipNodes {
    /** Every node reaches another with these demo credentials. */
    static final String USER = "regulator";
    static final String PASSWORD = "demo";

    private MembershipNodes() {
    }

    /** The central bank's node with the demo network (four banks). */
    static ConfigurableApplicationContext startPublisher(Path dataDir) {
        return start(dataDir, List.of());
    }

    /**
     * A following node that hosts no bank of its own (so none of its keys can clash with the list's), asking
     * {@code publisherUrl} every {@code pollInterval} and pinning {@code rootPublicKey}.
     */
    static ConfigurableApplicationContext startFollower(Path dataDir, URI publisherUrl, String rootPublicKey,
                                                        Duration pollInterval, Duration staleAfter) {
        return start(dataDir, List.of("--clearline.demo.banks=",
                "--clearline.network.membership.mode=follow",
                "--clearline.network.membership.follow.url=" + publisherUrl.resolve("/api/network/membership"),
                "--clearline.network.membership.follow.username=" + USER,
                "--clearline.network.membership.follow.password=" + PASSWORD,
                "--clearline.network.membership.follow.root-public-key=" + rootPublicKey,
                "--clearline.network.membership.follow.poll-interval=" + pollInterval,
                "--clearline.network.membership.follow.backoff-max=" + pollInterval.multipliedBy(4),
                "--clearline.network.membership.follow.http-timeout=PT2S",
                "--clearline.network.membership.follow.stale-after=" + staleAfter,
                // Camel's servlet registry is one per JVM: a second node in it needs a servlet of its own name.
                "--camel.servlet.mapping.servlet-name=FollowerCamelServlet",
                "--camel.component.servlet.servlet-name=FollowerCamelServlet"));
    }

    static URI baseUri(ConfigurableApplicationContext node) {
        return URI.create("http://localhost:" + ((WebServerApplicationContext) node).getWebServer().getPort());
    }

    static String rootPublicKey(ConfigurableApplicationContext publisher) {
        return publisher.getBean(MembershipPublisher.class).networkRoot().publicKey().base64();
    }

    private static ConfigurableApplicationContext start(Path dataDir, List<String> extra) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--clearline.data-dir=" + dataDir,
                "--clearline.lsm.schedule.enabled=false", "--clearline.lsm.recovery.enabled=false"));
        arguments.addAll(extra);
        return new SpringApplicationBuilder(ClearlineApplication.class).profiles("demo")
                .run(arguments.toArray(String[]::new));
    }
}
