package io.clearline.adapters.outbound;

import io.clearline.core.common.api.Bic;
import java.net.URI;
import java.util.Objects;

/**
 * Where one bank's outbound messages go.
 *
 * @param webhookUrl the http(s) URL messages are posted to; required for {@link DeliveryChannel#WEBHOOK}, null
 *                   otherwise
 * @throws IllegalArgumentException when the BIC is not one, when a webhook has no http(s) URL, or when another
 *                                  channel has one (a URL that would be ignored is a configuration mistake, not a
 *                                  choice)
 */
public record BankDelivery(String bic, DeliveryChannel channel, URI webhookUrl) {

    public BankDelivery {
        Bic.of(Objects.requireNonNull(bic, "bic"));
        Objects.requireNonNull(channel, "channel");
        if (channel == DeliveryChannel.WEBHOOK) {
            if (webhookUrl == null || webhookUrl.getHost() == null
                    || !("http".equals(webhookUrl.getScheme()) || "https".equals(webhookUrl.getScheme()))) {
                throw new IllegalArgumentException("bank " + bic + " delivers by webhook: give it an http(s) URL,"
                        + " not " + webhookUrl);
            }
        } else if (webhookUrl != null) {
            throw new IllegalArgumentException("bank " + bic + " delivers to its " + channel
                    + ", so its webhook URL would never be used; remove it or choose WEBHOOK");
        }
    }

    public static BankDelivery folder(String bic) {
        return new BankDelivery(bic, DeliveryChannel.FOLDER, null);
    }
}
