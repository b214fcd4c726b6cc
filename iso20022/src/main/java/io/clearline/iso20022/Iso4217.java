package io.clearline.iso20022;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The active ISO 4217 currencies that can carry a settlement amount, each with its minor-unit
 * scale (the number of decimals its amounts may have).
 *
 * <p>Adapters use {@link #scaleOf(String)} to turn Clearline's {@code long} minor units back into
 * a decimal amount. Codes whose minor units ISO lists as "N.A." (precious metals such as XAU,
 * XDR, test code XTS, "no currency" XXX) are deliberately absent: an amount in them cannot be
 * expressed in minor units, so a payment in them is refused as a not-allowed currency.
 */
public final class Iso4217 {

  /** Code to minor-unit scale, from the ISO 4217 list one (maintenance agency table). */
  private static final Map<String, Integer> SCALE_BY_CODE = buildTable();

  private Iso4217() {}

  /** Whether the code is an active ISO 4217 currency Clearline can settle in. */
  public static boolean isCurrency(String code) {
    return code != null && SCALE_BY_CODE.containsKey(code);
  }

  /** The currency's minor-unit scale (JPY 0, EUR 2, KWD 3, CLF 4), empty for an unknown code. */
  public static Optional<Integer> scaleOf(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(SCALE_BY_CODE.get(code));
  }

  /**
   * The scale of a currency the caller already knows to be valid.
   *
   * @throws IllegalArgumentException for a code that is not in the table: a bug in the caller
   */
  public static int requireScale(String code) {
    return scaleOf(code)
        .orElseThrow(() -> new IllegalArgumentException("not an ISO 4217 currency: " + code));
  }

  private static Map<String, Integer> buildTable() {
    Map<String, Integer> table = new TreeMap<>();
    put(table, 0, "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF");
    put(table, 3, "BHD IQD JOD KWD LYD OMR TND");
    put(table, 4, "CLF UYW");
    put(table, 2, "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL"
        + " BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD"
        + " EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR"
        + " JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR"
        + " MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD"
        + " RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY"
        + " TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG");
    return Map.copyOf(table);
  }

  private static void put(Map<String, Integer> table, int scale, String codes) {
    for (String code : codes.trim().split("\\s+")) {
      if (table.put(code, scale) != null) {
        throw new IllegalStateException("ISO 4217 table lists " + code + " twice");
      }
    }
  }
}
