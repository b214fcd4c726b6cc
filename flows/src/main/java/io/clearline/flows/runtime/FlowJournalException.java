package io.clearline.flows.runtime;

/**
 * The journal cannot serve the flow: a replayed step does not match what the journal holds (the flow
 * is not deterministic), or the flow took more steps than the journal limit. A bug: the flow parks.
 */
public final class FlowJournalException extends RuntimeException {
    public FlowJournalException(String message) {
        super(message);
    }
}
