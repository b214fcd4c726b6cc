package io.clearline.adapters.workspace;

import io.clearline.core.common.api.Bic;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Server-sent events to the open workspace pages: when a bank's position changes, every page that
 * shows that bank receives the bank's freshly rendered panel and swaps it in.
 *
 * <p>Pushing runs on one thread of its own, never on the event processor's: a slow browser must not
 * hold up the positions projection. Changes are coalesced per bank while a push is pending, so the
 * work queue never holds more than one entry per bank, and every push carries the whole current
 * panel (a coalesced change loses nothing). A new subscriber first receives the current panels, which
 * closes the gap between rendering the page and opening the stream.
 */
@Component
class WorkspaceUpdates {
    /** Open pages across the node; one more is refused with 503 and keeps its page without live updates. */
    static final int SUBSCRIBERS_MAX = 200;
    /** A stream ends after this; the browser's EventSource reconnects by itself and is sent the current state. */
    static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofMinutes(15);
    static final String TEMPLATE = "workspace/fragments";
    static final String EVENT_NAME = "bank";

    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");
    private static final Logger log = LoggerFactory.getLogger(WorkspaceUpdates.class);

    /** One open page: {@code bank} present for a bank's page, empty for the page of every bank. */
    private record Subscriber(SseEmitter emitter, Optional<Bic> bank) {
        boolean watches(Bic bic) {
            return bank.map(bic::equals).orElse(true);
        }

        String fragment() {
            return bank.isPresent() ? "bankPanel" : "bankRows";
        }
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Set<Bic> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService pusher = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("clearline-workspace-push").daemon(true).factory());
    private final WorkspaceViews views;
    private final ITemplateEngine templates;

    WorkspaceUpdates(WorkspaceViews views, ITemplateEngine templates) {
        this.views = views;
        this.templates = templates;
    }

    /**
     * Opens a stream for a page that shows {@code bank}, or every bank when empty. The caller has
     * already checked that its user may see what it asks for.
     *
     * @return empty when {@link #SUBSCRIBERS_MAX} streams are open
     */
    synchronized Optional<SseEmitter> subscribe(Optional<Bic> bank) {
        if (subscribers.size() >= SUBSCRIBERS_MAX) {
            return Optional.empty();
        }
        Subscriber subscriber = new Subscriber(new SseEmitter(SUBSCRIPTION_TIMEOUT.toMillis()), bank);
        subscriber.emitter().onCompletion(() -> subscribers.remove(subscriber));
        subscriber.emitter().onTimeout(() -> subscribers.remove(subscriber));
        subscriber.emitter().onError(failure -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        submit(() -> sendCurrent(subscriber));
        return Optional.of(subscriber.emitter());
    }

    boolean isWatched(Bic bic) {
        for (Subscriber subscriber : subscribers) {
            if (subscriber.watches(bic)) {
                return true;
            }
        }
        return false;
    }

    /** The position of {@code bic} changed; its watchers are sent its panel soon. Never blocks. */
    void changed(Bic bic) {
        if (pending.add(bic)) {
            submit(() -> {
                // Removed before rendering: a change that lands during this push schedules another one.
                pending.remove(bic);
                push(bic);
            });
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }

    @PreDestroy
    void stop() {
        pusher.shutdownNow();
        subscribers.forEach(subscriber -> subscriber.emitter().complete());
        subscribers.clear();
    }

    private void submit(Runnable push) {
        try {
            pusher.execute(push);
        } catch (RejectedExecutionException stopping) {
            // Only after stop(): the node is shutting down and the pages will lose their stream anyway.
        }
    }

    private void push(Bic bic) {
        List<Subscriber> watchers = subscribers.stream().filter(subscriber -> subscriber.watches(bic)).toList();
        if (watchers.isEmpty()) {
            return;
        }
        BankPanel panel;
        try {
            panel = views.bank(bic);
        } catch (RuntimeException unanswered) {
            log.warn("Workspace update for {} skipped: the position could not be read", bic.value(), unanswered);
            return;
        }
        Map<String, String> renderedByFragment = new ConcurrentHashMap<>();
        for (Subscriber watcher : watchers) {
            send(watcher, renderedByFragment.computeIfAbsent(watcher.fragment(), fragment -> render(fragment, panel)));
        }
    }

    private void sendCurrent(Subscriber subscriber) {
        try {
            List<BankPanel> panels = subscriber.bank().map(bic -> List.of(views.bank(bic)))
                    .orElseGet(views::everyBank);
            for (BankPanel panel : panels) {
                send(subscriber, render(subscriber.fragment(), panel));
            }
        } catch (RuntimeException unanswered) {
            log.warn("Workspace stream opened without its current state: the positions could not be read",
                    unanswered);
        }
    }

    private String render(String fragment, BankPanel panel) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("bank", panel);
        // One line: an SSE data field ends at a line break, and the fragments hold no preformatted text.
        return LINE_BREAKS.matcher(templates.process(TEMPLATE, Set.of(fragment), context)).replaceAll(" ").strip();
    }

    private void send(Subscriber subscriber, String html) {
        try {
            subscriber.emitter().send(SseEmitter.event().name(EVENT_NAME).data(html));
        } catch (IOException | IllegalStateException gone) {
            // The page was closed or the stream timed out: forget it; its browser reconnects if it is still open.
            subscribers.remove(subscriber);
            subscriber.emitter().completeWithError(gone);
        }
    }
}
