package io.clearline.ops.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the ISO 20022 messages out of a page of a bank's outbox, as {@code GET /api/iso20022/outbox/{bic}} gives it. */
final class OutboxMessages {
    private OutboxMessages() {
    }

    /** The documents of the messages whose type starts with {@code typePrefix} (e.g. "pacs.002"), oldest first. */
    static List<String> ofType(String outboxPage, String typePrefix) {
        Matcher messages = Pattern.compile("(?s)<Message [^>]*type=\"" + Pattern.quote(typePrefix)
                + "[^\"]*\"[^>]*>(.*?)</Message>").matcher(outboxPage);
        List<String> found = new ArrayList<>();
        while (messages.find()) {
            found.add(messages.group(1));
        }
        return found;
    }
}
