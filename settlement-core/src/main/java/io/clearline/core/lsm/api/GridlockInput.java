package io.clearline.core.lsm.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Uetr;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A snapshot of one currency's queues for the gridlock resolver: every participant's liquidity and
 * limits, and every queued payment (held ones included, so they can be reported). The order of
 * both lists carries no meaning; the resolver sorts them itself.
 *
 * <p>Fails with {@link IllegalArgumentException} when a participant appears twice, a UETR appears
 * twice, a payment or a bilateral limit names a participant not in the snapshot, or a list is
 * longer than its named limit.
 */
public record GridlockInput(String currency, List<ParticipantLiquidity> participants, List<QueuedPayment> queue) {

    /** The most participants one run considers; a network beyond this needs another design. */
    public static final int PARTICIPANTS_MAX = 10_000;
    /** The most queued payments one run considers, held ones included; bounds time and memory. */
    public static final int QUEUED_PAYMENTS_MAX = 1_000_000;

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public GridlockInput {
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("not an ISO 4217 currency code: " + currency);
        }
        participants = List.copyOf(participants);
        queue = List.copyOf(queue);
        if (participants.size() > PARTICIPANTS_MAX) {
            throw new IllegalArgumentException("too many participants for one run: " + participants.size()
                    + " > " + PARTICIPANTS_MAX);
        }
        if (queue.size() > QUEUED_PAYMENTS_MAX) {
            throw new IllegalArgumentException("too many queued payments for one run: " + queue.size()
                    + " > " + QUEUED_PAYMENTS_MAX);
        }
        Set<Bic> bics = requireUniqueParticipants(participants);
        requireKnownCounterparties(participants, bics);
        requireWellFormedQueue(queue, bics);
    }

    private static Set<Bic> requireUniqueParticipants(List<ParticipantLiquidity> participants) {
        Set<Bic> bics = new HashSet<>();
        for (ParticipantLiquidity participant : participants) {
            if (!bics.add(participant.bic())) {
                throw new IllegalArgumentException("a participant appears once per snapshot: " + participant.bic());
            }
        }
        return bics;
    }

    private static void requireKnownCounterparties(List<ParticipantLiquidity> participants, Set<Bic> bics) {
        for (ParticipantLiquidity participant : participants) {
            for (Bic counterparty : participant.bilateralLimitsMinorUnits().keySet()) {
                if (!bics.contains(counterparty)) {
                    throw new IllegalArgumentException("bilateral limit of " + participant.bic()
                            + " names a participant not in the snapshot: " + counterparty);
                }
            }
        }
    }

    private static void requireWellFormedQueue(List<QueuedPayment> queue, Set<Bic> bics) {
        Set<Uetr> uetrs = new HashSet<>();
        for (QueuedPayment payment : queue) {
            if (!uetrs.add(payment.uetr())) {
                throw new IllegalArgumentException("a UETR is queued once: " + payment.uetr());
            }
            if (!bics.contains(payment.payer()) || !bics.contains(payment.payee())) {
                throw new IllegalArgumentException("payment " + payment.uetr()
                        + " names a participant not in the snapshot: " + payment.payer() + " -> " + payment.payee());
            }
        }
    }
}
