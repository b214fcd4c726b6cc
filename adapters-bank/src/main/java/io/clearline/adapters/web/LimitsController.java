package io.clearline.adapters.web;

import io.clearline.adapters.security.BankAccess;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.RemoveBilateralLimitCommand;
import io.clearline.core.liquidity.api.RemoveMultilateralLimitCommand;
import io.clearline.core.liquidity.api.SetBilateralLimitCommand;
import io.clearline.core.liquidity.api.SetMultilateralLimitCommand;
import io.clearline.iso20022.Iso4217;
import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A bank's limits on its normal payments: the most it may pay out, net, towards one counterparty
 * (bilateral) and towards all (multilateral). Set by the bank itself or by the operator; a payment
 * beyond a limit waits in the queue until incoming payments or a new limit make room.
 */
@RestController
@RequestMapping("/api/participants/{bic}/limits")
public class LimitsController {
    private final CommandGateway commands;

    public LimitsController(CommandGateway commands) {
        this.commands = commands;
    }

    public record LimitRequest(String amount, String currency) {
    }

    @PutMapping("/bilateral/{counterparty}")
    public Map<String, String> setBilateral(@PathVariable String bic, @PathVariable String counterparty,
                                            @RequestBody LimitRequest request, Authentication caller) {
        Money limit = limitOf(request);
        commands.sendAndWait(new SetBilateralLimitCommand(account(bic, limit.currency(), caller),
                Bic.of(counterparty), limit));
        return Map.of("bic", bic, "counterparty", counterparty, "limit", Amounts.format(limit),
                "currency", limit.currency());
    }

    @DeleteMapping("/bilateral/{counterparty}")
    public Map<String, String> removeBilateral(@PathVariable String bic, @PathVariable String counterparty,
                                               @RequestParam String currency, Authentication caller) {
        commands.sendAndWait(new RemoveBilateralLimitCommand(account(bic, currency, caller), Bic.of(counterparty)));
        return Map.of("bic", bic, "counterparty", counterparty, "limit", "none", "currency", currency);
    }

    @PutMapping("/multilateral")
    public Map<String, String> setMultilateral(@PathVariable String bic, @RequestBody LimitRequest request,
                                               Authentication caller) {
        Money limit = limitOf(request);
        commands.sendAndWait(new SetMultilateralLimitCommand(account(bic, limit.currency(), caller), limit));
        return Map.of("bic", bic, "limit", Amounts.format(limit), "currency", limit.currency());
    }

    @DeleteMapping("/multilateral")
    public Map<String, String> removeMultilateral(@PathVariable String bic, @RequestParam String currency,
                                                  Authentication caller) {
        commands.sendAndWait(new RemoveMultilateralLimitCommand(account(bic, currency, caller)));
        return Map.of("bic", bic, "limit", "none", "currency", currency);
    }

    private static LiquidityAccountId account(String bic, String currency, Authentication caller) {
        boolean ownBank = BankAccess.bankOf(caller).map(bic::equals).orElse(false);
        if (!ownBank && !BankAccess.isOperator(caller)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a bank sets only its own limits");
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
