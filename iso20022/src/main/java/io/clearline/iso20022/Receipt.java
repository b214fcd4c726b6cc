package io.clearline.iso20022;

import java.util.Objects;

/**
 * What a camt.025 receipt tells a bank about a liquidity transfer it asked for: whether the
 * settlement system completed or rejected it, and why.
 *
 * <p>The constructor checks the schema limits; a field out of bounds is a caller bug and fails
 * with {@link IllegalArgumentException} (or {@link NullPointerException} for a missing field).
 *
 * @param recipientBic the bank that asked for the transfer (AppHdr To)
 * @param originalMessageId MsgId of the liquidity transfer answered, 1 to 35 characters
 * @param status completed or rejected
 * @param description why, in words for the bank's operators; null for none, else at most 140
 *     characters
 */
public record Receipt(
    String recipientBic,
    String originalMessageId,
    Status status,
    String description) {

  /** Max140Text: the schema limit of the description (Desc). */
  static final int DESCRIPTION_LENGTH_MAX = 140;

  /** The status codes Clearline reports on a liquidity transfer (StsCd, Max4AlphaNumericText). */
  public enum Status {
    /** The transfer settled. */
    COMPLETED,
    /** The transfer was refused and nothing moved. */
    REJECTED;

    /** COMP or RJCT. */
    public String isoCode() {
      return switch (this) {
        case COMPLETED -> "COMP";
        case REJECTED -> "RJCT";
      };
    }
  }

  public Receipt {
    Identifiers.requireBic(recipientBic, "recipientBic");
    Identifiers.requireReference(originalMessageId, "originalMessageId");
    Objects.requireNonNull(status, "status");
    if (description != null && description.length() > DESCRIPTION_LENGTH_MAX) {
      throw new IllegalArgumentException("description longer than " + DESCRIPTION_LENGTH_MAX
          + " characters: " + description.length());
    }
  }
}
