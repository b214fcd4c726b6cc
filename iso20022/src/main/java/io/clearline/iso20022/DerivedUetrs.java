package io.clearline.iso20022;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * UETRs for movements a message implies but does not name (a pacs.004 return carries the original
 * payment's UETR, not one of its own): the same message always gives the same UETR, so a resend is
 * recognised as the same movement, and the result is a well-formed version 4 UUID in lower case.
 *
 * <p>Here rather than in a channel because the writer must find a return in its pacs.004 by the
 * same UETR the channel gave it when it came in.
 */
public final class DerivedUetrs {
  private DerivedUetrs() {}

  /**
   * The UETR of the payment a return (pacs.004 TxInf) becomes.
   *
   * @param returnerBic the returning bank: the instructing agent, which is also the channel's bank
   * @param messageId the pacs.004's GrpHdr/MsgId
   * @param returnId RtrId, or null; without one the original UETR identifies the return
   * @param originalUetr OrgnlUETR, in either case
   */
  public static String ofReturn(String returnerBic, String messageId, String returnId,
      String originalUetr) {
    return of("pacs.004", returnerBic, messageId, returnKey(returnId, originalUetr));
  }

  /**
   * What tells a return apart from the others of its message: its RtrId, or its OrgnlUETR (in
   * lower case) where it has none.
   */
  public static String returnKey(String returnId, String originalUetr) {
    return returnId != null ? returnId : Identifiers.lowerCase(originalUetr);
  }

  /** A version 4 (variant 1) UUID from the SHA-256 of the parts, each kept apart by a separator. */
  public static String of(String... parts) {
    byte[] hash = sha256(parts);
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x40);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    long most = 0;
    long least = 0;
    for (int index = 0; index < 8; index++) {
      most = (most << 8) | (hash[index] & 0xff);
      least = (least << 8) | (hash[index + 8] & 0xff);
    }
    return new UUID(most, least).toString();
  }

  /** The hex SHA-256 of the parts: a content digest that tells a resend from a reuse. */
  public static String digest(String... parts) {
    return HexFormat.of().formatHex(sha256(parts));
  }

  private static byte[] sha256(String... parts) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha256.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        // A unit separator cannot appear in the parts, so ("ab","c") and ("a","bc") differ.
        sha256.update((byte) 0x1f);
      }
      return sha256.digest();
    } catch (NoSuchAlgorithmException unavailable) {
      throw new IllegalStateException("every JDK has SHA-256", unavailable);
    }
  }
}
