package io.clearline.flows.runtime;

/** One journaled result: the {@code sequenceNumber}-th suspending call of a flow (from 0), its step name and value. */
record JournalEntry(int sequenceNumber, String stepName, String value) {
}
