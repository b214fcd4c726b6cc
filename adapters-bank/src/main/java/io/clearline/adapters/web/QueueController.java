package io.clearline.adapters.web;

import io.clearline.adapters.security.BankAccess;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.CancelQueuedPaymentCommand;
import io.clearline.core.liquidity.api.FindQueueQuery;
import io.clearline.core.liquidity.api.HoldQueuedPaymentCommand;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.liquidity.api.ReleaseHeldPaymentCommand;
import io.clearline.core.liquidity.api.ReprioritiseQueuedPaymentCommand;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.payment.api.CancelWarehousedPaymentCommand;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A bank's queue and what its treasury may do with a queued payment: hold it in place, release it,
 * change its priority, or cancel it (a payment warehoused for the next business day may be cancelled too). The paying bank and the operator may act; anyone else learns nothing (404). Acting
 * on a payment that is no longer queued is a conflict (409), never a silent success.
 */
@RestController
public class QueueController {
    private final QueryGateway queries;
    private final CommandGateway commands;

    public QueueController(QueryGateway queries, CommandGateway commands) {
        this.queries = queries;
        this.commands = commands;
    }

    @GetMapping("/api/queues/{bic}")
    public Map<String, Object> queue(@PathVariable String bic, Authentication caller) {
        if (!BankAccess.maySee(caller, bic)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a bank sees only its own queue");
        }
        QueueView queue = queries.query(new FindQueueQuery(Bic.of(bic)), ResponseTypes.instanceOf(QueueView.class))
                .orTimeout(ParticipantsController.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bic", bic);
        body.put("frozen", queue.frozenCurrencies().stream().sorted().toList());
        body.put("payments", queue.payments().stream().map(payment -> Map.of(
                "uetr", payment.uetr().value(),
                "amount", Amounts.format(payment.amount()),
                "currency", payment.amount().currency(),
                "priority", payment.priority().name(),
                "held", payment.held(),
                "queuedAt", payment.queuedAt().toString())).toList());
        return body;
    }

    @PostMapping("/api/payments/{uetr}/hold")
    public Map<String, String> hold(@PathVariable String uetr, Authentication caller) {
        PaymentView payment = queuedPaymentOf(uetr, caller);
        return act(payment, "HELD", () -> commands.sendAndWait(new HoldQueuedPaymentCommand(accountOf(payment),
                payment.uetr())));
    }

    @PostMapping("/api/payments/{uetr}/release")
    public Map<String, String> release(@PathVariable String uetr, Authentication caller) {
        PaymentView payment = queuedPaymentOf(uetr, caller);
        return act(payment, "RELEASED", () -> commands.sendAndWait(new ReleaseHeldPaymentCommand(accountOf(payment),
                payment.uetr())));
    }

    public record PriorityRequest(PaymentPriority priority) {
    }

    /** HIGH or NORMAL: URGENT is for the central bank's own payments, which never wait in a bank's queue. */
    @PostMapping("/api/payments/{uetr}/priority")
    public Map<String, String> reprioritise(@PathVariable String uetr, @RequestBody PriorityRequest request,
                                            Authentication caller) {
        if (request == null || request.priority() == null || request.priority() == PaymentPriority.URGENT) {
            throw new IllegalArgumentException("priority is HIGH or NORMAL; URGENT is for the central bank's own"
                    + " payments");
        }
        PaymentView payment = queuedPaymentOf(uetr, caller);
        return act(payment, request.priority().name(), () -> commands.sendAndWait(
                new ReprioritiseQueuedPaymentCommand(accountOf(payment), payment.uetr(), request.priority())));
    }

    /** A queued payment leaves its queue; a warehoused one, in no queue yet, is cancelled before it is taken up. */
    @PostMapping("/api/payments/{uetr}/cancel")
    public Map<String, String> cancel(@PathVariable String uetr, Authentication caller) {
        PaymentView payment = paymentOf(uetr, caller);
        if (payment.status() == PaymentStatus.WAREHOUSED) {
            Reason reason = Reason.of(ReasonCode.NARR, "cancelled while warehoused by " + caller.getName());
            return act(payment, "CANCELLED", () -> commands.sendAndWait(new CancelWarehousedPaymentCommand(
                    payment.uetr(), reason)));
        }
        requireQueued(payment);
        Reason reason = Reason.of(ReasonCode.NARR, "cancelled while queued by " + caller.getName());
        return act(payment, "CANCELLED", () -> commands.sendAndWait(new CancelQueuedPaymentCommand(
                accountOf(payment), payment.uetr(), reason)));
    }

    private PaymentView queuedPaymentOf(String uetr, Authentication caller) {
        PaymentView payment = paymentOf(uetr, caller);
        requireQueued(payment);
        return payment;
    }

    private PaymentView paymentOf(String uetr, Authentication caller) {
        return queries.query(new FindPaymentQuery(Uetr.of(uetr.toLowerCase())),
                        ResponseTypes.optionalInstanceOf(PaymentView.class))
                .orTimeout(ParticipantsController.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join()
                .filter(view -> BankAccess.isOperator(caller)
                        || BankAccess.bankOf(caller).map(view.payer().value()::equals).orElse(false))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no payment " + uetr
                        + " that you may act on"));
    }

    private static void requireQueued(PaymentView payment) {
        String uetr = payment.uetr().value();
        if (payment.status() != PaymentStatus.QUEUED) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "payment " + uetr + " is " + payment.status()
                    + ", not queued");
        }
    }

    private static LiquidityAccountId accountOf(PaymentView payment) {
        return new LiquidityAccountId(payment.payer(), payment.amount().currency());
    }

    private static Map<String, String> act(PaymentView payment, String outcome, Runnable command) {
        try {
            command.run();
        } catch (IllegalStateException | CommandExecutionException notQueuedAnyMore) {
            // It left the queue (or the warehouse) between our read and the command: settled, cancelled or taken
            // up meanwhile.
            throw new ResponseStatusException(HttpStatus.CONFLICT, "payment " + payment.uetr().value()
                    + " is no longer " + payment.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        return Map.of("uetr", payment.uetr().value(), "outcome", outcome);
    }
}
