package io.clearline.adapters.workspace;

import io.clearline.core.common.api.Bic;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Server-sent events to the open workspace pages: when a bank's position, queue, limits or status
 * change, every page that shows that bank receives the bank's freshly rendered panel and swaps it in;
 * the network page receives the network's panel on any change, gridlock runs included.
 *
 * <p>Pushing runs on one thread of its own, never on the event processor's: a slow browser must not
 * hold up the projections. Changes are coalesced per bank (and for the network) while a push is
 * pending, so the work queue never holds more than one entry per bank plus one, and every push
 * carries the whole current panel (a coalesced change loses nothing). A new subscriber first receives
 * the current panel, which closes the gap between rendering the page and opening the stream.
 *
 * <p>A panel is rendered once per push for each kind of page that watches it: with its actions for
 * users who may act (a bank's own treasury, the operator), without for those who only read.
 */
@Component
class WorkspaceUpdates {
    /** Open pages across the node; one more is refused with 503 and keeps its page without live updates. */
    static final int SUBSCRIBERS_MAX = 200;
    /** A stream ends after this; the browser's EventSource reconnects by itself and is sent the current state. */
    static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofMinutes(15);
    static final String TEMPLATE = "workspace/fragments";
    /** The one event name: its data is one or more elements, each replacing the element with its id. */
    static final String EVENT_NAME = "panel";

    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");
    private static final Logger log = LoggerFactory.getLogger(WorkspaceUpdates.class);

    /**
     * One open page: {@code bank} present for a bank's page, empty for the network page.
     * {@code mayAct} decides whether its panels carry the action buttons.
     */
    private record Subscriber(SseEmitter emitter, Optional<Bic> bank, boolean mayAct) {
        boolean watchesBank(Bic bic) {
            return bank.map(bic::equals).orElse(false);
        }

        boolean watchesNetwork() {
            return bank.isEmpty();
        }
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Set<Bic> pendingBanks = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean networkPending = new AtomicBoolean();
    private final ExecutorService pusher = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("clearline-workspace-push").daemon(true).factory());
    private final WorkspaceViews views;
    private final ITemplateEngine templates;

    WorkspaceUpdates(WorkspaceViews views, ITemplateEngine templates) {
        this.views = views;
        this.templates = templates;
    }

    /**
     * Opens a stream for a page that shows {@code bank}, or the network when empty. The caller has
     * already checked that its user may see what it asks for, and whether it may act there.
     *
     * @return empty when {@link #SUBSCRIBERS_MAX} streams are open
     */
    synchronized Optional<SseEmitter> subscribe(Optional<Bic> bank, boolean mayAct) {
        if (subscribers.size() >= SUBSCRIBERS_MAX) {
            return Optional.empty();
        }
        Subscriber subscriber = new Subscriber(new SseEmitter(SUBSCRIPTION_TIMEOUT.toMillis()), bank, mayAct);
        subscriber.emitter().onCompletion(() -> subscribers.remove(subscriber));
        subscriber.emitter().onTimeout(() -> subscribers.remove(subscriber));
        subscriber.emitter().onError(failure -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        submit(() -> sendCurrent(subscriber));
        return Optional.of(subscriber.emitter());
    }

    /** Whether any open page shows {@code bic}: its own page, or the network page, which shows every bank. */
    boolean isWatched(Bic bic) {
        for (Subscriber subscriber : subscribers) {
            if (subscriber.watchesNetwork() || subscriber.watchesBank(bic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For event handlers: {@code bic} changed, to be pushed once the handler's unit of work has
     * committed, when the projection in the same processing group has applied the event for certain.
     */
    void changedAfterCommit(Bic bic) {
        if (!isWatched(bic)) {
            return;
        }
        afterCommit(() -> changed(bic));
    }

    /** For event handlers: something that only the network page shows changed (a gridlock run ended). */
    void networkChangedAfterCommit() {
        if (subscribers.stream().noneMatch(Subscriber::watchesNetwork)) {
            return;
        }
        afterCommit(this::networkChanged);
    }

    /** The figures of {@code bic} changed, and with them the network's; its watchers are sent them soon. Never blocks. */
    void changed(Bic bic) {
        if (subscribers.stream().anyMatch(subscriber -> subscriber.watchesBank(bic)) && pendingBanks.add(bic)) {
            submit(() -> {
                // Removed before rendering: a change that lands during this push schedules another one.
                pendingBanks.remove(bic);
                pushBank(bic);
            });
        }
        networkChanged();
    }

    void networkChanged() {
        if (subscribers.stream().anyMatch(Subscriber::watchesNetwork) && networkPending.compareAndSet(false, true)) {
            submit(() -> {
                networkPending.set(false);
                pushNetwork();
            });
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }

    @PreDestroy
    void stop() {
        pusher.shutdownNow();
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.emitter().complete();
            } catch (IllegalStateException alreadyGone) {
                // The server closed its connections first: nothing left to complete.
            }
        }
        subscribers.clear();
    }

    private static void afterCommit(Runnable push) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> push.run());
        } else {
            push.run();
        }
    }

    private void submit(Runnable push) {
        try {
            pusher.execute(push);
        } catch (RejectedExecutionException stopping) {
            // Only after stop(): the node is shutting down and the pages will lose their stream anyway.
        }
    }

    private void pushBank(Bic bic) {
        List<Subscriber> watchers = subscribers.stream().filter(subscriber -> subscriber.watchesBank(bic)).toList();
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
        Map<Boolean, String> renderedByMayAct = new HashMap<>();
        for (Subscriber watcher : watchers) {
            send(watcher, renderedByMayAct.computeIfAbsent(watcher.mayAct(),
                    mayAct -> render("bankPanel", "bank", panel, mayAct)));
        }
    }

    private void pushNetwork() {
        List<Subscriber> watchers = subscribers.stream().filter(Subscriber::watchesNetwork).toList();
        if (watchers.isEmpty()) {
            return;
        }
        NetworkPanel panel;
        try {
            panel = views.network();
        } catch (RuntimeException unanswered) {
            log.warn("Workspace update of the network skipped: the positions could not be read", unanswered);
            return;
        }
        Map<Boolean, String> renderedByMayAct = new HashMap<>();
        for (Subscriber watcher : watchers) {
            send(watcher, renderedByMayAct.computeIfAbsent(watcher.mayAct(),
                    mayAct -> render("networkPanel", "network", panel, mayAct)));
        }
    }

    private void sendCurrent(Subscriber subscriber) {
        try {
            String html = subscriber.bank()
                    .map(bic -> render("bankPanel", "bank", views.bank(bic), subscriber.mayAct()))
                    .orElseGet(() -> render("networkPanel", "network", views.network(), subscriber.mayAct()));
            send(subscriber, html);
        } catch (RuntimeException unanswered) {
            log.warn("Workspace stream opened without its current state: the positions could not be read",
                    unanswered);
        }
    }

    private String render(String fragment, String variable, Object panel, boolean mayAct) {
        Context context = new Context(Locale.ROOT);
        context.setVariable(variable, panel);
        context.setVariable("mayAct", mayAct);
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
