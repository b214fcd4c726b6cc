package io.clearline.ops.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Logging for the commands that run without Spring Boot (which otherwise sets levels): without it,
 * Logback prints every library's debug lines.
 */
public final class CommandLogging {
    private CommandLogging() {
    }

    /** Sets the level of every logger, and of the Raft library's, which is chatty at INFO. */
    public static void levels(Level everything, Level raftLibrary) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(everything);
            context.getLogger("org.apache.ratis").setLevel(raftLibrary);
        }
    }
}
