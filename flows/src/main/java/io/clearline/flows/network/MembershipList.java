package io.clearline.flows.network;

import io.clearline.flows.ledger.CanonicalReader;
import io.clearline.flows.ledger.CanonicalWriter;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The network's membership list: its parameters and one entry per member, sorted by name, so that the
 * same content always has the same {@linkplain #canonicalBytes() canonical bytes} (what the central
 * bank signs). Every member has its own name and its own key; the parameters' notary and regulator
 * are members with those roles and keys.
 */
public record MembershipList(NetworkParameters parameters, List<Member> members) {
    /** Members one list holds at most; a reader refuses a larger count before allocating anything. */
    public static final int MEMBERS_MAX = 10_000;
    /** Names the encoding, so that a later format is told apart instead of misread. */
    static final String FORMAT = "clearline-membership-list/1";
    /**
     * Format 1 and the notary cluster's Raft group after its members. A list is written in format 1 unless
     * its parameters name a group, so that every list signed before format 2 existed reads back to the
     * same bytes (and its signature holds), and a node that knows only format 1 refuses a list with a
     * group as malformed rather than reading it without one.
     */
    static final String FORMAT_WITH_NOTARY_GROUP = "clearline-membership-list/2";

    public MembershipList {
        Objects.requireNonNull(parameters, "parameters");
        members = members.stream().sorted(Comparator.comparing(Member::name)).toList();
        if (members.size() > MEMBERS_MAX) {
            throw new IllegalArgumentException("a list holds at most " + MEMBERS_MAX + " members");
        }
        if (new HashSet<>(members.stream().map(Member::name).toList()).size() != members.size()) {
            throw new IllegalArgumentException("every member has a name of its own");
        }
        if (new HashSet<>(members.stream().map(Member::publicKey).toList()).size() != members.size()) {
            throw new IllegalArgumentException("every member has a key of its own");
        }
        requireMember(members, parameters.notary(), MemberRole.NOTARY);
        requireMember(members, parameters.regulator(), MemberRole.REGULATOR);
    }

    public long epoch() {
        return parameters.epoch();
    }

    public Optional<Member> member(String name) {
        return members.stream().filter(member -> member.name().equals(name)).findFirst();
    }

    /** The party of that name if it is listed, suspended or not: a suspended member's key still verifies. */
    public Optional<Party> party(String name) {
        return member(name).map(Member::party);
    }

    /** The next epoch, published at {@code at}, with {@code change} applied to the members. */
    public MembershipList next(Instant at, UnaryOperator<List<Member>> change) {
        return new MembershipList(parameters.nextEpoch(at), change.apply(new ArrayList<>(members)));
    }

    public byte[] canonicalBytes() {
        boolean withGroup = parameters.notaryClusterGroup() != null;
        CanonicalWriter writer = new CanonicalWriter().writeString(withGroup ? FORMAT_WITH_NOTARY_GROUP : FORMAT);
        writer.writeLong(parameters.epoch()).writeParty(parameters.notary());
        writeStrings(writer, parameters.notaryClusterMembers());
        if (withGroup) {
            writer.writeString(parameters.notaryClusterGroup());
        }
        writer.writeParty(parameters.regulator());
        writeStrings(writer, parameters.acceptedCurrencies());
        writer.writeInt(parameters.messageBytesMax()).writeInstant(parameters.publishedAt());
        writer.writeInt(members.size());
        for (Member member : members) {
            writer.writeString(member.name()).writeString(member.legalName());
            if (writer.writePresence(member.bic())) {
                writer.writeString(member.bic());
            }
            writer.writeString(member.role().name()).writeBytes(member.publicKey().encoded())
                    .writeString(member.status().name());
            writeStrings(writer, member.addresses());
            if (writer.writePresence(member.certificate())) {
                writer.writeBytes(member.certificate().der());
            }
        }
        return writer.toByteArray();
    }

    /**
     * Reads a list back from its canonical bytes.
     *
     * @throws IllegalArgumentException when the bytes are not one list's canonical encoding (corrupt,
     *                                  truncated, trailing bytes, another format, or content the list refuses)
     */
    public static MembershipList fromCanonicalBytes(byte[] bytes) {
        MembershipList list;
        try {
            list = read(new CanonicalReader(bytes));
        } catch (IllegalStateException | IllegalArgumentException corrupt) {
            throw new IllegalArgumentException("not a membership list: " + corrupt.getMessage(), corrupt);
        }
        if (!java.util.Arrays.equals(list.canonicalBytes(), bytes)) {
            throw new IllegalArgumentException("not a membership list's canonical encoding");
        }
        return list;
    }

    private static MembershipList read(CanonicalReader reader) {
        String format = reader.readString();
        if (!format.equals(FORMAT) && !format.equals(FORMAT_WITH_NOTARY_GROUP)) {
            throw new IllegalArgumentException("format " + format + " is neither " + FORMAT + " nor "
                    + FORMAT_WITH_NOTARY_GROUP);
        }
        long epoch = reader.readLong();
        Party notary = reader.readParty();
        List<String> cluster = readStrings(reader, NetworkParameters.NOTARY_CLUSTER_MEMBERS_MAX);
        String group = format.equals(FORMAT_WITH_NOTARY_GROUP) ? reader.readString() : null;
        Party regulator = reader.readParty();
        List<String> currencies = readStrings(reader, NetworkParameters.ACCEPTED_CURRENCIES_MAX);
        NetworkParameters parameters = new NetworkParameters(epoch, notary, cluster, group, regulator, currencies,
                reader.readInt(), reader.readInstant());
        int count = boundedCount(reader, MEMBERS_MAX);
        List<Member> members = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            String name = reader.readString();
            String legalName = reader.readString();
            String bic = reader.readPresence() ? reader.readString() : null;
            MemberRole role = MemberRole.valueOf(reader.readString());
            PublicKey key = new PublicKey(reader.readBytes());
            MemberStatus status = MemberStatus.valueOf(reader.readString());
            List<String> addresses = readStrings(reader, Member.ADDRESSES_MAX);
            MemberCertificate certificate = reader.readPresence() ? new MemberCertificate(reader.readBytes()) : null;
            members.add(new Member(name, legalName, bic, role, key, status, addresses, certificate));
        }
        if (!reader.atEnd()) {
            throw new IllegalArgumentException("bytes follow the list");
        }
        return new MembershipList(parameters, members);
    }

    private static void requireMember(List<Member> members, Party party, MemberRole role) {
        boolean listed = members.stream().anyMatch(member -> member.name().equals(party.name())
                && member.publicKey().equals(party.publicKey()) && member.role() == role);
        if (!listed) {
            throw new IllegalArgumentException("the " + role + " " + party + " is a member of that role and key");
        }
    }

    private static void writeStrings(CanonicalWriter writer, List<String> values) {
        writer.writeInt(values.size());
        values.forEach(writer::writeString);
    }

    private static List<String> readStrings(CanonicalReader reader, int countMax) {
        int count = boundedCount(reader, countMax);
        List<String> values = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            values.add(reader.readString());
        }
        return values;
    }

    private static int boundedCount(CanonicalReader reader, int countMax) {
        int count = reader.readInt();
        if (count < 0 || count > countMax) {
            throw new IllegalArgumentException("a count of " + count + " is outside 0.." + countMax);
        }
        return count;
    }
}
