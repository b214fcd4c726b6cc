package io.clearline.flows.runtime;

import java.util.Objects;

/**
 * How the runner stores and rebuilds one class of flow: {@code arguments} encodes a flow's arguments
 * into its checkpoint and decodes them into a flow again (with whatever services it needs) after a
 * restart; {@code result} stores what it returned.
 */
public record FlowDefinition<F extends Flow<T>, T>(Class<F> flowClass, FlowCodec<F> arguments, FlowCodec<T> result) {
    public FlowDefinition {
        Objects.requireNonNull(flowClass, "flowClass");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(result, "result");
    }
}
