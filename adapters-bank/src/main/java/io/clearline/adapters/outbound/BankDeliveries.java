package io.clearline.adapters.outbound;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Each bank's delivery channel, as the node is configured; a bank not named here gets its outbox folder. */
public final class BankDeliveries {
    private final Map<String, BankDelivery> byBic;

    /** @throws IllegalArgumentException when a bank is named twice */
    public BankDeliveries(Collection<BankDelivery> deliveries) {
        this.byBic = Objects.requireNonNull(deliveries, "deliveries").stream()
                .collect(Collectors.toUnmodifiableMap(BankDelivery::bic, Function.identity(), (first, second) -> {
                    throw new IllegalArgumentException("bank " + first.bic() + " has two delivery channels");
                }));
    }

    /** Every bank on its outbox folder. */
    public static BankDeliveries allToFolders() {
        return new BankDeliveries(List.of());
    }

    public BankDelivery of(String bic) {
        return byBic.getOrDefault(bic, BankDelivery.folder(bic));
    }

    /** The banks configured for {@code channel}, sorted by BIC. */
    public List<String> banksOn(DeliveryChannel channel) {
        return byBic.values().stream().filter(delivery -> delivery.channel() == channel).map(BankDelivery::bic)
                .sorted().toList();
    }
}
