package io.clearline.flows.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a journaled value, a flow's arguments or its result into a string and back. Decoding what
 * was encoded must give an equal value: the runner hands the flow the decoded value even on its
 * first run, so that a first run and a replay see exactly the same thing.
 */
public interface FlowCodec<T> {
    String encode(T value);

    T decode(String encoded);

    FlowCodec<String> STRING = of(Function.identity(), Function.identity());
    FlowCodec<Long> LONG = of(String::valueOf, Long::valueOf);
    FlowCodec<Instant> INSTANT = of(Instant::toString, Instant::parse);
    /** A list of strings, each length-prefixed ({@code 5:hello}), so any character may appear in one. */
    FlowCodec<List<String>> STRINGS = of(FlowCodec::joinFields, FlowCodec::splitFields);
    /** Absent as {@code -}, present as {@code +value}: a journaled value is never null. */
    FlowCodec<Optional<String>> OPTIONAL_STRING = of(
            value -> value.map(present -> "+" + present).orElse("-"),
            encoded -> encoded.equals("-") ? Optional.empty() : Optional.of(present(encoded)));

    static <T> FlowCodec<T> of(Function<T, String> encoder, Function<String, T> decoder) {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoder, "decoder");
        return new FlowCodec<>() {
            @Override
            public String encode(T value) {
                return Objects.requireNonNull(encoder.apply(Objects.requireNonNull(value, "a journaled value")),
                        "an encoding");
            }

            @Override
            public T decode(String encoded) {
                return Objects.requireNonNull(decoder.apply(Objects.requireNonNull(encoded, "an encoding")),
                        "a decoded value");
            }
        };
    }

    /** This codec for another type, through a conversion each way. */
    default <U> FlowCodec<U> map(Function<U, T> toThis, Function<T, U> fromThis) {
        return of(value -> encode(toThis.apply(value)), encoded -> fromThis.apply(decode(encoded)));
    }

    private static String present(String encoded) {
        if (!encoded.startsWith("+")) {
            throw new IllegalArgumentException("not an optional value: " + encoded);
        }
        return encoded.substring(1);
    }

    private static String joinFields(List<String> fields) {
        StringBuilder joined = new StringBuilder();
        for (String field : fields) {
            joined.append(field.length()).append(':').append(field);
        }
        return joined.toString();
    }

    private static List<String> splitFields(String joined) {
        List<String> fields = new ArrayList<>();
        int position = 0;
        while (position < joined.length()) {
            int colon = joined.indexOf(':', position);
            if (colon < 0) {
                throw new IllegalArgumentException("a field has no length prefix at " + position);
            }
            int length = Integer.parseInt(joined.substring(position, colon));
            int end = colon + 1 + length;
            if (length < 0 || end > joined.length()) {
                throw new IllegalArgumentException("a field runs past the end at " + position);
            }
            fields.add(joined.substring(colon + 1, end));
            position = end;
        }
        return fields;
    }
}
