package io.clearline.flows.network;

import io.clearline.flows.ledger.Party;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What every node of the network must agree on, versioned by {@code epoch}: a node accepts a list only
 * with an epoch above the one it holds.
 *
 * @param notary               the notary's ledger identity (one key, whether one node or a cluster signs)
 * @param notaryClusterMembers the addresses of the notary's replicas (one for a single notary), in order
 * @param notaryClusterGroup   the Raft group the replicas form, which a client names to reach them; null
 *                             for a notary that is no Raft cluster (and in every list of format 1)
 * @param regulator            the observer that receives a copy of every transaction
 * @param acceptedCurrencies   ISO 4217 codes, sorted, that the ledger settles
 * @param messageBytesMax      the largest message a node sends to another
 * @param publishedAt          when the central bank signed this epoch
 */
public record NetworkParameters(long epoch, Party notary, List<String> notaryClusterMembers,
                                String notaryClusterGroup, Party regulator, List<String> acceptedCurrencies,
                                int messageBytesMax, Instant publishedAt) {
    public static final int NOTARY_CLUSTER_MEMBERS_MAX = 16;
    public static final int ACCEPTED_CURRENCIES_MAX = 200;
    /** A Raft group's name is a short identifier; more is a configuration error. */
    public static final int NOTARY_CLUSTER_GROUP_CHARS_MAX = 64;

    /** Parameters of a notary that is no Raft cluster (one node, or a cluster named by addresses alone). */
    public NetworkParameters(long epoch, Party notary, List<String> notaryClusterMembers, Party regulator,
                             List<String> acceptedCurrencies, int messageBytesMax, Instant publishedAt) {
        this(epoch, notary, notaryClusterMembers, null, regulator, acceptedCurrencies, messageBytesMax, publishedAt);
    }

    public NetworkParameters {
        Objects.requireNonNull(notary, "notary");
        Objects.requireNonNull(regulator, "regulator");
        Objects.requireNonNull(publishedAt, "publishedAt");
        notaryClusterMembers = List.copyOf(notaryClusterMembers);
        acceptedCurrencies = List.copyOf(acceptedCurrencies);
        if (epoch < 1) {
            throw new IllegalArgumentException("an epoch counts from 1, not " + epoch);
        }
        if (notaryClusterMembers.isEmpty() || notaryClusterMembers.size() > NOTARY_CLUSTER_MEMBERS_MAX
                || new HashSet<>(notaryClusterMembers).size() != notaryClusterMembers.size()) {
            throw new IllegalArgumentException("the notary has 1 to " + NOTARY_CLUSTER_MEMBERS_MAX
                    + " distinct cluster members, not " + notaryClusterMembers);
        }
        if (notaryClusterGroup != null && (notaryClusterGroup.isBlank()
                || notaryClusterGroup.length() > NOTARY_CLUSTER_GROUP_CHARS_MAX)) {
            throw new IllegalArgumentException("a notary cluster's group is 1 to " + NOTARY_CLUSTER_GROUP_CHARS_MAX
                    + " characters, not '" + notaryClusterGroup + "'");
        }
        if (acceptedCurrencies.isEmpty() || acceptedCurrencies.size() > ACCEPTED_CURRENCIES_MAX
                || !acceptedCurrencies.equals(acceptedCurrencies.stream().sorted().distinct().toList())
                || !acceptedCurrencies.stream().allMatch(code -> code.matches("[A-Z]{3}"))) {
            throw new IllegalArgumentException("accepted currencies are 1 to " + ACCEPTED_CURRENCIES_MAX
                    + " distinct ISO 4217 codes in order, not " + acceptedCurrencies);
        }
        if (messageBytesMax <= 0) {
            throw new IllegalArgumentException("the largest message is positive, not " + messageBytesMax);
        }
    }

    public NetworkParameters nextEpoch(Instant at) {
        return new NetworkParameters(Math.addExact(epoch, 1), notary, notaryClusterMembers, notaryClusterGroup,
                regulator, acceptedCurrencies, messageBytesMax, at);
    }
}
