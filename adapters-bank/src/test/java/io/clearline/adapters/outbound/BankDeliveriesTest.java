package io.clearline.adapters.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class BankDeliveriesTest {
    private static final String ALPHA = "ALPHEUAAXXX";
    private static final String BRAVO = "BRAVEUBBXXX";

    @Test
    void aBankNobodyConfiguredGetsItsOutboxFolder() {
        BankDeliveries deliveries = new BankDeliveries(List.of(new BankDelivery(ALPHA, DeliveryChannel.QUEUE, null)));

        assertThat(deliveries.of(BRAVO)).isEqualTo(BankDelivery.folder(BRAVO));
        assertThat(deliveries.banksOn(DeliveryChannel.QUEUE)).containsExactly(ALPHA);
    }

    @Test
    void aWebhookNeedsAnHttpUrl() {
        assertThatThrownBy(() -> new BankDelivery(ALPHA, DeliveryChannel.WEBHOOK, null))
                .hasMessageContaining("give it an http(s) URL");
        assertThatThrownBy(() -> new BankDelivery(ALPHA, DeliveryChannel.WEBHOOK, URI.create("ftp://alpha.example/x")))
                .hasMessageContaining("give it an http(s) URL");
    }

    @Test
    void aWebhookUrlOnAnotherChannelIsAMistake() {
        assertThatThrownBy(() -> new BankDelivery(ALPHA, DeliveryChannel.FOLDER, URI.create("https://alpha.example")))
                .hasMessageContaining("would never be used");
    }

    @Test
    void aBankHasOneDeliveryChannel() {
        assertThatThrownBy(() -> new BankDeliveries(List.of(BankDelivery.folder(ALPHA),
                new BankDelivery(ALPHA, DeliveryChannel.QUEUE, null)))).hasMessageContaining("two delivery channels");
    }

    @Test
    void aDeliveryIsForABic() {
        assertThatThrownBy(() -> BankDelivery.folder("alpha")).hasMessageContaining("not a BIC");
    }
}
