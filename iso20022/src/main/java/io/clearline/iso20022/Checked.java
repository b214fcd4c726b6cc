package io.clearline.iso20022;

import java.util.Objects;

/** A value, or the business rejection that stopped it from being produced. */
record Checked<T>(T value, Rejection rejection) {

  Checked {
    if ((value == null) == (rejection == null)) {
      throw new IllegalArgumentException("exactly one of value and rejection");
    }
  }

  static <T> Checked<T> of(T value) {
    return new Checked<>(Objects.requireNonNull(value, "value"), null);
  }

  static <T> Checked<T> refused(Rejection rejection) {
    return new Checked<>(null, rejection);
  }

  boolean isRefused() {
    return rejection != null;
  }
}
