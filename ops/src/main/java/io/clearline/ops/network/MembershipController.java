package io.clearline.ops.network;

import io.clearline.flows.network.MembershipList;
import io.clearline.flows.network.MembershipPublisher;
import io.clearline.flows.network.SignedMembershipList;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The network's membership list as the central bank signed it, for every node to follow and every
 * signed-in user (banks' systems, treasury users, the operator, the regulator) to read: it says who is
 * a member, not what anyone holds. A node that does not publish the list answers 404.
 */
@RestController
public class MembershipController {
    private final ObjectProvider<MembershipPublisher> publisher;

    public MembershipController(ObjectProvider<MembershipPublisher> publisher) {
        this.publisher = publisher;
    }

    @GetMapping("/api/network/membership")
    public MembershipDocument membership() {
        MembershipPublisher published = publisher.getIfAvailable();
        if (published == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "this node does not publish the membership list");
        }
        SignedMembershipList signed = published.latestSigned().orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no membership list is published yet"));
        return MembershipDocument.of(MembershipList.fromCanonicalBytes(signed.canonicalBytes()).epoch(), signed);
    }
}
