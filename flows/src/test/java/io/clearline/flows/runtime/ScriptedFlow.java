package io.clearline.flows.runtime;

import io.clearline.flows.ledger.StateRef;
import java.util.Arrays;
import java.util.List;

/**
 * A flow that follows a plan of steps, one string each: {@code await NAME} (an external operation of
 * the {@link Script}), {@code await-per-attempt} (one named after the attempt: not deterministic),
 * {@code now}, {@code random}, {@code lock NAME REF...} (soft-locks states). Returns what its steps
 * answered, joined by {@code |}.
 */
final class ScriptedFlow implements Flow<String> {
    private final Script script;
    private final List<String> plan;

    ScriptedFlow(Script script, List<String> plan) {
        this.script = script;
        this.plan = List.copyOf(plan);
    }

    static FlowDefinition<ScriptedFlow, String> definition(Script script) {
        return new FlowDefinition<>(ScriptedFlow.class,
                FlowCodec.STRINGS.map(flow -> flow.plan, plan -> new ScriptedFlow(script, plan)), FlowCodec.STRING);
    }

    @Override
    public String call(FlowContext context) throws InterruptedException {
        StringBuilder answers = new StringBuilder();
        for (String step : plan) {
            String[] words = step.split(" ");
            String answer = switch (words[0]) {
                case "await" -> context.await(words[1], FlowCodec.STRING,
                        () -> script.execute(context.flowId(), words[1]));
                case "await-per-attempt" -> context.await("step-of-attempt-" + context.attempt(), FlowCodec.STRING,
                        () -> script.execute(context.flowId(), "per-attempt"));
                case "now" -> context.now().toString();
                case "random" -> context.randomHex(16);
                case "lock" -> String.join(",", context.lockStates(words[1], FlowCodec.STRINGS,
                        () -> script.lock(context.softLockId(), Arrays.asList(words).subList(2, words.length)),
                        refs -> refs.stream().map(StateRef::parse).toList()));
                default -> throw new IllegalArgumentException("no such step: " + step);
            };
            script.observe(context.flowId(), words[0].equals("await") ? words[1] : words[0], answer);
            answers.append(answer).append('|');
        }
        return answers.toString();
    }
}
