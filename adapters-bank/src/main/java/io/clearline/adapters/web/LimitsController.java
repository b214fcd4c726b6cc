package io.clearline.adapters.web;

import io.clearline.adapters.security.BankAccess;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.liquidity.api.EvaluatePaymentCommand;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.PaymentEvaluation;
import io.clearline.core.liquidity.api.RemoveBilateralLimitCommand;
import io.clearline.core.liquidity.api.RemoveMultilateralLimitCommand;
import io.clearline.core.liquidity.api.SetBilateralLimitCommand;
import io.clearline.core.liquidity.api.SetFifoBypassCommand;
import io.clearline.core.liquidity.api.SetMultilateralLimitCommand;
import io.clearline.core.liquidity.api.SetPriorityReservationCommand;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.iso20022.Iso4217;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A bank's limits on its normal payments: the most it may pay out, net, towards one counterparty
 * (bilateral) and towards all (multilateral); and the liquidity it keeps for its HIGH and URGENT
 * payments, which NORMAL ones may not use. Set by the bank itself or by the operator; a payment
 * beyond a limit, or short once the reservations are kept, waits in the queue until incoming payments
 * or a new setting make room.
 */
@RestController
@RequestMapping("/api/participants/{bic}")
public class LimitsController {
    private final CommandGateway commands;

    public LimitsController(CommandGateway commands) {
        this.commands = commands;
    }

    public record LimitRequest(String amount, String currency) {
    }

    @PutMapping("/limits/bilateral/{counterparty}")
    public Map<String, String> setBilateral(@PathVariable String bic, @PathVariable String counterparty,
                                            @RequestBody LimitRequest request, Authentication caller) {
        Money limit = limitOf(request);
        commands.sendAndWait(new SetBilateralLimitCommand(account(bic, limit.currency(), caller),
                Bic.of(counterparty), limit));
        return Map.of("bic", bic, "counterparty", counterparty, "limit", Amounts.format(limit),
                "currency", limit.currency());
    }

    @DeleteMapping("/limits/bilateral/{counterparty}")
    public Map<String, String> removeBilateral(@PathVariable String bic, @PathVariable String counterparty,
                                               @RequestParam String currency, Authentication caller) {
        commands.sendAndWait(new RemoveBilateralLimitCommand(account(bic, currency, caller), Bic.of(counterparty)));
        return Map.of("bic", bic, "counterparty", counterparty, "limit", "none", "currency", currency);
    }

    @PutMapping("/limits/multilateral")
    public Map<String, String> setMultilateral(@PathVariable String bic, @RequestBody LimitRequest request,
                                               Authentication caller) {
        Money limit = limitOf(request);
        commands.sendAndWait(new SetMultilateralLimitCommand(account(bic, limit.currency(), caller), limit));
        return Map.of("bic", bic, "limit", Amounts.format(limit), "currency", limit.currency());
    }

    @DeleteMapping("/limits/multilateral")
    public Map<String, String> removeMultilateral(@PathVariable String bic, @RequestParam String currency,
                                                  Authentication caller) {
        commands.sendAndWait(new RemoveMultilateralLimitCommand(account(bic, currency, caller)));
        return Map.of("bic", bic, "limit", "none", "currency", currency);
    }

    public record FifoBypassRequest(Boolean enabled, String currency) {
    }

    public record WhatIfRequest(String payee, String amount, String currency, String priority) {
    }

    /**
     * What the bank's account would do now with such a payment: settle at once, queue (and why), or
     * refuse; decided by the account's own rules, changing nothing. For the bank and the operator.
     */
    @PostMapping("/what-if")
    public Map<String, Object> whatIf(@PathVariable String bic, @RequestBody WhatIfRequest request,
                                      Authentication caller) {
        if (request == null || request.payee() == null || request.amount() == null || request.currency() == null) {
            throw new IllegalArgumentException("payee, amount and currency are required");
        }
        LiquidityAccountId account = account(bic, request.currency(), caller);
        Money amount = Amounts.parse(request.amount(), request.currency());
        PaymentPriority priority = request.priority() == null ? PaymentPriority.NORMAL
                : PaymentPriority.valueOf(request.priority().toUpperCase(java.util.Locale.ROOT));
        PaymentEvaluation evaluation;
        try {
            evaluation = commands.sendAndWait(new EvaluatePaymentCommand(account, amount, priority,
                    Bic.of(request.payee())));
        } catch (AggregateNotFoundException noAccount) {
            // An account that never held this currency has nothing: the payment would wait for liquidity.
            evaluation = new PaymentEvaluation(PaymentEvaluation.Outcome.QUEUES,
                    Reason.of(ReasonCode.AM04, bic + " holds no " + request.currency()), Money.zero(request.currency()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", evaluation.outcome().name());
        if (evaluation.reason() != null) {
            body.put("reason", Map.of("code", evaluation.reason().code().name(),
                    "explanation", evaluation.reason().explanation()));
        }
        body.put("availableToItsPriority", Amounts.format(evaluation.availableToItsPriority()));
        body.put("currency", request.currency());
        return body;
    }

    /** T2's FIFO bypass: with it on, a covered payment settles past an earlier one that cannot. */
    @PutMapping("/fifo-bypass")
    public Map<String, Object> fifoBypass(@PathVariable String bic, @RequestBody FifoBypassRequest request,
                                          Authentication caller) {
        if (request == null || request.enabled() == null || request.currency() == null) {
            throw new IllegalArgumentException("enabled (true or false) and currency are required");
        }
        commands.sendAndWait(new SetFifoBypassCommand(account(bic, request.currency(), caller), request.enabled()));
        return Map.of("bic", bic, "fifoBypass", request.enabled(), "currency", request.currency());
    }

    @PutMapping("/reservations/{priority}")
    public Map<String, String> reserve(@PathVariable String bic, @PathVariable String priority,
                                       @RequestBody LimitRequest request, Authentication caller) {
        Money amount = limitOf(request);
        PaymentPriority reservedFor = reservablePriority(priority);
        commands.sendAndWait(new SetPriorityReservationCommand(account(bic, amount.currency(), caller), reservedFor,
                amount));
        return Map.of("bic", bic, "priority", reservedFor.name(), "reserved", Amounts.format(amount),
                "currency", amount.currency());
    }

    @DeleteMapping("/reservations/{priority}")
    public Map<String, String> release(@PathVariable String bic, @PathVariable String priority,
                                       @RequestParam String currency, Authentication caller) {
        PaymentPriority reservedFor = reservablePriority(priority);
        commands.sendAndWait(new SetPriorityReservationCommand(account(bic, currency, caller), reservedFor,
                Money.zero(currency)));
        return Map.of("bic", bic, "priority", reservedFor.name(), "reserved", "none", "currency", currency);
    }

    private static PaymentPriority reservablePriority(String priority) {
        return switch (priority.toUpperCase(java.util.Locale.ROOT)) {
            case "HIGH" -> PaymentPriority.HIGH;
            case "URGENT" -> PaymentPriority.URGENT;
            default -> throw new IllegalArgumentException("liquidity is reserved for HIGH or URGENT payments, not "
                    + priority);
        };
    }

    private static LiquidityAccountId account(String bic, String currency, Authentication caller) {
        boolean ownBank = BankAccess.bankOf(caller).map(bic::equals).orElse(false);
        if (!ownBank && !BankAccess.isOperator(caller)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a bank sets only its own limits and reservations");
        }
        if (!Iso4217.isCurrency(currency)) {
            throw new IllegalArgumentException("not an ISO 4217 currency: " + currency);
        }
        return new LiquidityAccountId(Bic.of(bic), currency);
    }

    /** A limit may be zero (nothing net out), unlike a payment or a pledge. */
    private static Money limitOf(LimitRequest request) {
        if (request.amount() == null || request.currency() == null || !Iso4217.isCurrency(request.currency())) {
            throw new IllegalArgumentException("amount and an ISO 4217 currency are required");
        }
        if (new BigDecimal(request.amount()).signum() == 0) {
            return Money.zero(request.currency());
        }
        return Amounts.parse(request.amount(), request.currency());
    }
}
