package io.clearline.adapters.web;

import io.clearline.adapters.security.BankAccess;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.liquidity.api.PledgeLiquidityCommand;
import io.clearline.core.liquidity.api.RedeemLiquidityCommand;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantView;
import io.clearline.iso20022.Iso4217;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The operator moves central-bank money between a participant's reserve account and the ledger.
 * A pledge issues ledger cash against reserves; a redemption takes ledger cash back into reserves
 * (refused with AM04, as the transfer's failure, when the participant's available liquidity does
 * not cover it). Send an {@code Idempotency-Key} header to make a
 * retry safe: the same key is the same transfer, carried out once.
 */
@RestController
@RequestMapping("/api/participants/{bic}/liquidity")
public class LiquidityController {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final CommandGateway commands;
    private final QueryGateway queries;

    public LiquidityController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    public enum Direction { PLEDGE, REDEEM }

    public record LiquidityRequest(Direction direction, String amount, String currency) {
    }

    /**
     * A liquidity transfer between the bank's reserves at the central bank and its ledger cash: the
     * operator's for any bank; a bank's own, as with a camt.050, for itself only.
     */
    @PostMapping
    @PreAuthorize("hasAnyRole('OPERATOR', 'BANK')")
    public ResponseEntity<Map<String, String>> transfer(@PathVariable String bic, @RequestBody LiquidityRequest request,
                                                        @RequestHeader(name = "Idempotency-Key", required = false)
                                                        String idempotencyKey, Authentication caller) {
        if (!BankAccess.isOperator(caller) && !BankAccess.bankOf(caller).map(bic::equals).orElse(false)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a bank moves only its own liquidity");
        }
        if (request.direction() == null || request.amount() == null || request.currency() == null) {
            throw new IllegalArgumentException("direction, amount and currency are required");
        }
        if (!Iso4217.isCurrency(request.currency())) {
            throw new IllegalArgumentException("not an ISO 4217 currency: " + request.currency());
        }
        Bic participant = Bic.of(bic);
        requireParticipant(participant);
        Money amount = Amounts.parse(request.amount(), request.currency());
        // Prefixed by direction, so one Idempotency-Key used for a pledge and a redemption names two transfers.
        String key = idempotencyKey == null ? UUID.randomUUID().toString() : requireKey(idempotencyKey);
        String transferId;
        if (request.direction() == Direction.REDEEM) {
            transferId = "redeem-" + key;
            commands.sendAndWait(new RedeemLiquidityCommand(transferId, participant, amount));
        } else {
            transferId = "pledge-" + key;
            commands.sendAndWait(new PledgeLiquidityCommand(transferId, participant, amount));
        }
        return ResponseEntity.accepted().body(Map.of("transferId", transferId, "direction", request.direction().name(),
                "bic", participant.value(), "amount", Amounts.format(amount), "currency", amount.currency()));
    }

    private void requireParticipant(Bic bic) {
        boolean admitted = queries.query(new ListParticipantsQuery(), ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .orTimeout(ParticipantsController.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join()
                .stream().anyMatch(participant -> participant.bic().equals(bic));
        if (!admitted) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, bic.value() + " is not a participant");
        }
    }

    private static String requireKey(String key) {
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Idempotency-Key is 1 to 64 letters, digits or . _ : -");
        }
        return key;
    }
}
