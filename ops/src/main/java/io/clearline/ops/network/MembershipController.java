package io.clearline.ops.network;

import io.clearline.flows.network.MembershipList;
import io.clearline.flows.network.MembershipStore;
import io.clearline.flows.network.SignedMembershipList;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The network's membership list as the central bank signed it, for every node to follow and every
 * signed-in user (banks' systems, treasury users, the operator, the regulator) to read: it says who is
 * a member, not what anyone holds. The central bank's node serves the list it published; a following
 * node serves the list it accepted, exactly as signed, so that anyone can see which epoch it holds.
 * Answers 404 while this node holds none.
 */
@RestController
public class MembershipController {
    private final MembershipStore store;

    public MembershipController(MembershipStore store) {
        this.store = store;
    }

    @GetMapping("/api/network/membership")
    public MembershipDocument membership() {
        SignedMembershipList signed = store.latest().orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "this node holds no membership list yet"));
        return MembershipDocument.of(MembershipList.fromCanonicalBytes(signed.canonicalBytes()).epoch(), signed);
    }
}
