package io.clearline.ops.network;

import io.clearline.core.participant.api.ParticipantAdmittedEvent;
import io.clearline.core.participant.api.ParticipantReactivatedEvent;
import io.clearline.core.participant.api.ParticipantRemovedEvent;
import io.clearline.core.participant.api.ParticipantSuspendedEvent;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.network.Member;
import io.clearline.flows.network.MemberRole;
import io.clearline.flows.network.MemberStatus;
import io.clearline.flows.network.MembershipPublisher;
import io.clearline.flows.settlement.ClearlineLedger;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventHandler;

/**
 * The central bank republishes the membership list, as the next epoch, on each admission, suspension,
 * re-activation and removal of a participant.
 *
 * <p>Runs in a tracking processor with the node's durable token, after the event is committed: an
 * admission that fails publishes nothing, and the list is never ahead of the event store. Each epoch
 * records the event's id as its cause, so an event delivered again (the token lags the list by one
 * event after a crash) publishes nothing; an event not yet handled at a crash is handled after the
 * restart. A failure is not skipped: the processor retries the event, so no change is lost. On a node
 * whose event store predates the list, the first start replays every participant event in order.
 */
@ProcessingGroup(MembershipPublication.PROCESSING_GROUP)
public class MembershipPublication {
    public static final String PROCESSING_GROUP = "clearline-network-membership";

    private final MembershipPublisher publisher;
    private final ClearlineLedger ledger;
    private final List<String> nodeAddresses;

    public MembershipPublication(MembershipPublisher publisher, ClearlineLedger ledger, List<String> nodeAddresses) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.nodeAddresses = List.copyOf(nodeAddresses);
    }

    @EventHandler
    void on(ParticipantAdmittedEvent event, EventMessage<?> message) {
        // The ledger identity exists already (its admission runs in the admitting command); asking is idempotent.
        Party party = ledger.admit(event.bic());
        Member admitted = new Member(party.name(), event.name(), event.bic().value(), MemberRole.BANK,
                party.publicKey(), MemberStatus.ACTIVE, nodeAddresses);
        publish(message, members -> {
            members.removeIf(member -> member.name().equals(admitted.name()));
            members.add(admitted);
            return members;
        });
    }

    @EventHandler
    void on(ParticipantSuspendedEvent event, EventMessage<?> message) {
        publish(message, withStatus(event.bic().value(), MemberStatus.SUSPENDED));
    }

    @EventHandler
    void on(ParticipantReactivatedEvent event, EventMessage<?> message) {
        publish(message, withStatus(event.bic().value(), MemberStatus.ACTIVE));
    }

    @EventHandler
    void on(ParticipantRemovedEvent event, EventMessage<?> message) {
        publish(message, members -> {
            members.removeIf(member -> member.name().equals(event.bic().value()));
            return members;
        });
    }

    private void publish(EventMessage<?> message, UnaryOperator<List<Member>> change) {
        publisher.publishChange("participant-event:" + message.getIdentifier(), change);
    }

    private static UnaryOperator<List<Member>> withStatus(String name, MemberStatus status) {
        return members -> members.stream()
                .map(member -> member.name().equals(name) ? member.withStatus(status) : member)
                .toList();
    }
}
