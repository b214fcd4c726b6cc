package io.clearline.core.payment.api;

import java.time.Instant;

public record PaymentHistoryEntry(Instant at, PaymentStatus status, String detail) {
}
