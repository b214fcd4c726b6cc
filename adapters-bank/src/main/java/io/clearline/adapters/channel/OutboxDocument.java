package io.clearline.adapters.channel;

import io.clearline.adapters.outbound.OutboundMessage;
import java.util.List;

/**
 * One page of a bank's outbox as one XML document: each ISO 20022 message stands whole inside a
 * {@code Message} element that says its sequence, type and time. {@code next} is the {@code after}
 * to ask for the following page.
 */
final class OutboxDocument {
    static final String NAMESPACE = "urn:clearline:outbox:1";

    private OutboxDocument() {
    }

    static String of(String bic, long after, List<OutboundMessage> page) {
        long next = page.isEmpty() ? after : page.get(page.size() - 1).sequence();
        StringBuilder xml = new StringBuilder(256 + page.size() * 2_048)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<Outbox xmlns=\"").append(NAMESPACE).append("\" bic=\"").append(bic)
                .append("\" next=\"").append(next).append("\">\n");
        for (OutboundMessage message : page) {
            xml.append("<Message sequence=\"").append(message.sequence())
                    .append("\" type=\"").append(message.messageType())
                    .append("\" createdAt=\"").append(message.createdAt()).append("\">\n")
                    .append(withoutDeclaration(message.xml()))
                    .append("\n</Message>\n");
        }
        return xml.append("</Outbox>\n").toString();
    }

    private static String withoutDeclaration(String document) {
        String trimmed = document.strip();
        if (trimmed.startsWith("<?xml")) {
            return trimmed.substring(trimmed.indexOf("?>") + 2).strip();
        }
        return trimmed;
    }
}
