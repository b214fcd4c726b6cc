package io.clearline.adapters.web;

import io.clearline.adapters.security.BankAccess;
import io.clearline.core.common.api.Bic;
import io.clearline.core.liquidity.api.FindPositionAsOfQuery;
import io.clearline.core.liquidity.api.FindPositionQuery;
import io.clearline.core.liquidity.api.FindQueueQuery;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.liquidity.api.PositionView;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/positions")
public class PositionsController {
    private final QueryGateway queries;

    public PositionsController(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * A bank's balance, reserved, available and queued-out liquidity per currency; with {@code asOf}, its
     * balance, reserved and available as they stood at that instant. A bank sees only its own.
     */
    @GetMapping("/{bic}")
    public Map<String, Object> position(@PathVariable String bic, @RequestParam(required = false) String asOf,
                                        Authentication caller) {
        if (!BankAccess.maySee(caller, bic)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a bank sees only its own position");
        }
        if (asOf != null) {
            return positionAsOf(Bic.of(bic), asOf);
        }
        PositionView position = queries.query(new FindPositionQuery(Bic.of(bic)),
                        ResponseTypes.instanceOf(PositionView.class))
                .orTimeout(ParticipantsController.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        QueueView queue = queries.query(new FindQueueQuery(Bic.of(bic)), ResponseTypes.instanceOf(QueueView.class))
                .orTimeout(ParticipantsController.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bic", position.bic().value());
        body.put("positions", position.currencies().stream()
                .map(currency -> Map.of(
                        "currency", currency.balance().currency(),
                        "balance", Amounts.format(currency.balance()),
                        "reserved", Amounts.format(currency.reserved()),
                        "available", Amounts.format(currency.available()),
                        "queuedOut", Amounts.format(queue.queuedOutgoing(currency.balance().currency()))))
                .toList());
        return body;
    }

    private Map<String, Object> positionAsOf(Bic bic, String asOf) {
        Instant instant;
        try {
            instant = Instant.parse(asOf);
        } catch (DateTimeParseException notAnInstant) {
            throw new IllegalArgumentException("asOf is an ISO instant, like 2026-11-24T09:00:00Z");
        }
        PositionView position = queries.query(new FindPositionAsOfQuery(bic, instant),
                        ResponseTypes.instanceOf(PositionView.class))
                .orTimeout(ParticipantsController.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bic", position.bic().value());
        body.put("asOf", instant.toString());
        body.put("positions", position.currencies().stream()
                .map(currency -> Map.of(
                        "currency", currency.balance().currency(),
                        "balance", Amounts.format(currency.balance()),
                        "reserved", Amounts.format(currency.reserved()),
                        "available", Amounts.format(currency.available())))
                .toList());
        return body;
    }
}
