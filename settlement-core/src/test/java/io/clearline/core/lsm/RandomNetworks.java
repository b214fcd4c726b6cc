package io.clearline.core.lsm;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.GridlockInput;
import io.clearline.core.lsm.api.ParticipantLiquidity;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.lsm.api.QueuedPayment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded random payment networks for the resolver's property tests and benchmark: balances that
 * are often zero, limits on some participants, some held payments, arrival order shuffled.
 */
public final class RandomNetworks {
    public static final String CURRENCY = "EUR";
    /** Payments are mostly small against balances, so some settle on their own and some gridlock. */
    private static final long AMOUNT_MINOR_UNITS_MAX = 500_000;
    private static final long BALANCE_MINOR_UNITS_MAX = 1_000_000;
    private static final double ZERO_BALANCE_PROBABILITY = 0.3;
    private static final double LIMIT_PROBABILITY = 0.2;
    private static final double HELD_PROBABILITY = 0.1;

    private RandomNetworks() {
    }

    public static GridlockInput generate(long seed, int participantCount, int paymentCount) {
        Random random = new Random(seed);
        List<Bic> bics = new ArrayList<>();
        for (int index = 0; index < participantCount; index++) {
            bics.add(bic(index));
        }
        List<ParticipantLiquidity> participants = new ArrayList<>();
        for (Bic bic : bics) {
            participants.add(participant(random, bic, bics));
        }
        List<Long> arrivals = new ArrayList<>();
        for (long arrival = 0; arrival < paymentCount; arrival++) {
            arrivals.add(arrival);
        }
        Collections.shuffle(arrivals, random);
        List<QueuedPayment> queue = new ArrayList<>();
        for (int index = 0; index < paymentCount; index++) {
            int payer = random.nextInt(participantCount);
            int payee = (payer + 1 + random.nextInt(participantCount - 1)) % participantCount;
            PaymentPriority priority = PaymentPriority.values()[random.nextInt(PaymentPriority.values().length)];
            queue.add(new QueuedPayment(uetr(random), bics.get(payer), bics.get(payee),
                    1 + random.nextLong(AMOUNT_MINOR_UNITS_MAX), priority, arrivals.get(index),
                    random.nextDouble() < HELD_PROBABILITY));
        }
        return new GridlockInput(CURRENCY, participants, queue);
    }

    /** The same input with both lists shuffled: a resolver must not care. */
    public static GridlockInput shuffled(GridlockInput input, long seed) {
        Random random = new Random(seed);
        List<ParticipantLiquidity> participants = new ArrayList<>(input.participants());
        List<QueuedPayment> queue = new ArrayList<>(input.queue());
        Collections.shuffle(participants, random);
        Collections.shuffle(queue, random);
        return new GridlockInput(input.currency(), participants, queue);
    }

    public static Bic bic(int index) {
        return Bic.of(String.format("BK%02dDEFFXXX", index));
    }

    public static Uetr uetr(Random random) {
        long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
        long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return Uetr.of(new UUID(mostSignificant, leastSignificant).toString());
    }

    private static ParticipantLiquidity participant(Random random, Bic bic, List<Bic> bics) {
        long balance = random.nextDouble() < ZERO_BALANCE_PROBABILITY ? 0 : random.nextLong(BALANCE_MINOR_UNITS_MAX);
        Map<Bic, Long> bilateral = new HashMap<>();
        for (Bic counterparty : bics) {
            if (!counterparty.equals(bic) && random.nextDouble() < LIMIT_PROBABILITY) {
                bilateral.put(counterparty, random.nextLong(AMOUNT_MINOR_UNITS_MAX));
            }
        }
        OptionalLong multilateral = random.nextDouble() < LIMIT_PROBABILITY
                ? OptionalLong.of(random.nextLong(2 * AMOUNT_MINOR_UNITS_MAX))
                : OptionalLong.empty();
        return new ParticipantLiquidity(bic, balance, bilateral, multilateral);
    }
}
