package io.clearline.ops.notary;

import java.util.Objects;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The {@code notary} component of the health endpoint, in the readiness group: down when no commit can complete. */
final class NotaryHealthIndicator implements HealthIndicator {
    private final NotaryAvailability availability;

    NotaryHealthIndicator(NotaryAvailability availability) {
        this.availability = Objects.requireNonNull(availability, "availability");
    }

    @Override
    public Health health() {
        NotaryCheck check = availability.check();
        return (check.available() ? Health.up() : Health.down())
                .withDetail("mode", check.mode()).withDetails(check.details()).build();
    }
}
