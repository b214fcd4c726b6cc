package io.clearline.core.statement.api;

/**
 * The business day asked for closed longer ago than statements are kept: asking again will not help,
 * unlike a day the statements projection has not reached yet.
 */
public class StatementsNoLongerKeptException extends IllegalArgumentException {
    public StatementsNoLongerKeptException(String message) {
        super(message);
    }
}
