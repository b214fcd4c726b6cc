package io.clearline.flows.notary.raft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * A notary cluster's Raft group built from configured addresses, as replicas in separate processes and
 * their clients need it: every replica and every client must be given the same name and the same peers.
 *
 * <pre>{@code
 * RaftGroup group = RaftNotaryGroup.parse("clearline-notary",
 *         "notary-1@127.0.0.1:9871,notary-2@127.0.0.1:9872,notary-3@127.0.0.1:9873");
 * }</pre>
 *
 * <p>The group name is a UUID or any other text, which is turned into a UUID the same way everywhere
 * (a name-based UUID of its UTF-8 bytes). Failure: {@link IllegalArgumentException} naming what is wrong
 * (a malformed entry, a repeated id or address, more than {@link RaftNotaryCluster#REPLICAS_MAX} replicas).
 */
public final class RaftNotaryGroup {
    private static final Pattern REPLICA_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.\\-]+:[0-9]{1,5}");
    private static final int PORT_MAX = 65_535;

    private RaftNotaryGroup() {
    }

    /**
     * @param groupName a UUID, or a name turned into one
     * @param peers     {@code id@host:port} entries separated by commas (spaces around them are ignored)
     */
    public static RaftGroup parse(String groupName, String peers) {
        Objects.requireNonNull(peers, "peers");
        List<RaftPeer> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (String entry : peers.split(",")) {
            String trimmed = entry.strip();
            int at = trimmed.indexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("a notary peer is id@host:port, not '" + trimmed + "'");
            }
            String id = trimmed.substring(0, at);
            String address = trimmed.substring(at + 1);
            if (!REPLICA_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a replica id is 1 to 64 letters, digits, '.', '_' or '-': '" + id + "'");
            }
            if (!ADDRESS.matcher(address).matches()
                    || Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)) > PORT_MAX) {
                throw new IllegalArgumentException("the address of " + id + " is host:port, not '" + address + "'");
            }
            if (!ids.add(id) || !addresses.add(address)) {
                throw new IllegalArgumentException("notary peers repeat an id or an address: " + peers);
            }
            parsed.add(RaftPeer.newBuilder().setId(RaftPeerId.valueOf(id)).setAddress(address).build());
        }
        if (parsed.size() > RaftNotaryCluster.REPLICAS_MAX) {
            throw new IllegalArgumentException("a notary cluster has 1 to " + RaftNotaryCluster.REPLICAS_MAX
                    + " replicas: " + parsed.size());
        }
        return RaftGroup.valueOf(RaftGroupId.valueOf(groupUuid(groupName)), parsed);
    }

    /** The configured peers again, as {@link #parse} reads them. */
    public static String format(RaftGroup group) {
        return String.join(",", group.getPeers().stream()
                .map(peer -> peer.getId() + "@" + peer.getAddress()).sorted().toList());
    }

    static UUID groupUuid(String groupName) {
        Objects.requireNonNull(groupName, "groupName");
        if (groupName.isBlank()) {
            throw new IllegalArgumentException("a notary group needs a name");
        }
        try {
            return UUID.fromString(groupName);
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes(groupName.getBytes(StandardCharsets.UTF_8));
        }
    }
}
