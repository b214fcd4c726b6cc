package io.clearline.flows.ledger;

import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of state codecs and command names, and the canonical encoding of transactions built
 * on them. Register every state type and command before the first transaction is read or written.
 */
public final class LedgerCodecs {
    private static final String FORMAT = "clearline.transaction.v2";
    /** Bounds a stored group's size before allocating for it; the largest groups (inputs, outputs) are smaller. */
    static final int COMPONENTS_PER_GROUP_MAX = 1024;

    private final Map<String, StateCodec<?>> codecsByName = new ConcurrentHashMap<>();
    private final Map<Class<?>, StateCodec<?>> codecsByType = new ConcurrentHashMap<>();
    private final Map<String, CommandData> commandsByName = new ConcurrentHashMap<>();

    public LedgerCodecs register(StateCodec<?> codec) {
        if (codecsByName.putIfAbsent(codec.typeName(), codec) != null) {
            throw new IllegalStateException("state type registered twice: " + codec.typeName());
        }
        codecsByType.put(codec.type(), codec);
        return this;
    }

    public LedgerCodecs registerCommands(CommandData... commands) {
        for (CommandData command : commands) {
            if (commandsByName.putIfAbsent(command.commandName(), command) != null) {
                throw new IllegalStateException("command registered twice: " + command.commandName());
            }
        }
        return this;
    }

    public String typeName(ContractState state) {
        return codecOf(state).typeName();
    }

    public Map<String, Object> describe(ContractState state) {
        return codecOf(state).describe(state);
    }

    public VaultColumns vaultColumns(ContractState state) {
        return codecOf(state).vaultColumns(state);
    }

    /**
     * The transaction id: the Merkle root over the roots of its component groups (in
     * {@link ComponentGroup} order), each group a Merkle tree of its components salted one by one.
     */
    public String transactionId(WireTransaction tx) {
        return MerkleHashes.hex(MerkleHashes.root(groupRoots(tx, components(tx))));
    }

    /** A transaction ready to collect signatures, its id computed here. */
    public SignedTransaction unsigned(WireTransaction tx) {
        return new SignedTransaction(transactionId(tx), tx, List.of());
    }

    /**
     * The transaction with only {@code reveal} visible; every other group shows just its root.
     * The result verifies against the same id the full transaction has.
     */
    public FilteredTransaction filter(WireTransaction tx, Set<ComponentGroup> reveal) {
        Map<ComponentGroup, List<byte[]>> components = components(tx);
        List<byte[]> roots = groupRoots(tx, components);
        Map<ComponentGroup, FilteredTransaction.RevealedGroup> revealed = new EnumMap<>(ComponentGroup.class);
        for (ComponentGroup group : reveal) {
            revealed.put(group, new FilteredTransaction.RevealedGroup(components.get(group), nonces(tx, group,
                    components.get(group).size())));
        }
        return new FilteredTransaction(MerkleHashes.hex(MerkleHashes.root(roots)),
                roots.stream().map(MerkleHashes::hex).toList(), revealed);
    }

    /** Each group's encoded components, in order; a group without components maps to an empty list. */
    public Map<ComponentGroup, List<byte[]>> components(WireTransaction tx) {
        Map<ComponentGroup, List<byte[]>> groups = new EnumMap<>(ComponentGroup.class);
        groups.put(ComponentGroup.INPUTS, tx.inputs().stream().map(TransactionComponents::input).toList());
        groups.put(ComponentGroup.OUTPUTS, tx.outputs().stream().map(this::encodeOutput).toList());
        groups.put(ComponentGroup.COMMANDS, tx.commands().stream()
                .map(command -> new CanonicalWriter().writeString(command.value().commandName()).toByteArray()).toList());
        groups.put(ComponentGroup.NOTARY, List.of(TransactionComponents.notary(tx.notary())));
        groups.put(ComponentGroup.TIME_WINDOW, tx.window().map(TransactionComponents::timeWindow).stream().toList());
        groups.put(ComponentGroup.SIGNERS, tx.commands().stream()
                .map(command -> TransactionComponents.signers(command.signers())).toList());
        return groups;
    }

    private static List<byte[]> groupRoots(WireTransaction tx, Map<ComponentGroup, List<byte[]>> components) {
        List<byte[]> roots = new ArrayList<>(ComponentGroup.values().length);
        for (ComponentGroup group : ComponentGroup.values()) {
            List<byte[]> groupComponents = components.get(group);
            roots.add(MerkleHashes.groupRoot(groupComponents, nonces(tx, group, groupComponents.size())));
        }
        return roots;
    }

    private static List<byte[]> nonces(WireTransaction tx, ComponentGroup group, int count) {
        byte[] salt = tx.privacySaltBytes();
        List<byte[]> nonces = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            nonces.add(MerkleHashes.nonce(salt, group, index));
        }
        return nonces;
    }

    /** Storage form of a transaction: its privacy salt, then every group's components. */
    public byte[] encode(WireTransaction tx) {
        CanonicalWriter out = new CanonicalWriter().writeString(FORMAT).writeString(tx.privacySalt());
        components(tx).forEach((group, components) -> {
            out.writeInt(components.size());
            components.forEach(out::writeBytes);
        });
        return out.toByteArray();
    }

    /** Storage form of a signed transaction: base64 text, portable across databases. */
    public String serialize(SignedTransaction stx) {
        CanonicalWriter out = new CanonicalWriter().writeBytes(encode(stx.tx()));
        out.writeInt(stx.signatures().size());
        stx.signatures().forEach(s -> out.writeBytes(s.by().encoded()).writeBytes(s.signature()));
        writeBatchProofs(stx.signatures(), out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /**
     * The proofs of batch signatures come after all signatures, by signature index, so that rows
     * stored before batch signatures existed still read (they simply end after the signatures).
     */
    private static void writeBatchProofs(List<TransactionSignature> signatures, CanonicalWriter out) {
        List<Integer> batched = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            if (signatures.get(i).batchProof() != null) {
                batched.add(i);
            }
        }
        out.writeInt(batched.size());
        for (int index : batched) {
            BatchProof proof = signatures.get(index).batchProof();
            out.writeInt(index).writeInt(proof.leafIndex()).writeInt(proof.leafCount()).writeInt(proof.siblingsHex().size());
            proof.siblingsHex().forEach(out::writeString);
        }
    }

    private static void readBatchProofs(CanonicalReader in, List<TransactionSignature> signatures) {
        if (in.atEnd()) {
            return;
        }
        int count = in.readInt();
        if (count < 0 || count > signatures.size()) {
            throw new IllegalStateException("corrupt ledger encoding: " + count + " batch proofs");
        }
        for (int i = 0; i < count; i++) {
            int index = in.readInt();
            int leafIndex = in.readInt();
            int leafCount = in.readInt();
            int siblingCount = in.readInt();
            // A proof of a batch within BATCH_LEAVES_MAX has at most this many hashes.
            if (index < 0 || index >= signatures.size() || siblingCount < 0 || siblingCount > Integer.SIZE) {
                throw new IllegalStateException("corrupt ledger encoding: batch proof " + index + "/" + siblingCount);
            }
            List<String> siblings = new ArrayList<>(siblingCount);
            for (int s = 0; s < siblingCount; s++) {
                siblings.add(in.readString());
            }
            signatures.set(index, signatures.get(index).withBatchProof(new BatchProof(leafIndex, leafCount, siblings)));
        }
    }

    /** Reads a stored transaction; its id is recomputed from its content, never trusted from storage. */
    public SignedTransaction deserialize(String base64) {
        CanonicalReader in = new CanonicalReader(Base64.getDecoder().decode(base64));
        WireTransaction tx = decode(in.readBytes());
        int count = in.readInt();
        List<TransactionSignature> signatures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PublicKey by = new PublicKey(in.readBytes());
            signatures.add(TransactionSignature.of(by, in.readBytes()));
        }
        readBatchProofs(in, signatures);
        return new SignedTransaction(transactionId(tx), tx, signatures);
    }

    private WireTransaction decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        if (!FORMAT.equals(in.readString())) {
            throw new IllegalStateException("not a " + FORMAT + " encoding");
        }
        String salt = in.readString();
        Map<ComponentGroup, List<byte[]>> groups = new EnumMap<>(ComponentGroup.class);
        for (ComponentGroup group : ComponentGroup.values()) {
            int count = in.readInt();
            if (count < 0 || count > COMPONENTS_PER_GROUP_MAX) {
                throw new IllegalStateException("corrupt ledger encoding: " + count + " components in " + group);
            }
            List<byte[]> components = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                components.add(in.readBytes());
            }
            groups.put(group, components);
        }
        return fromComponents(groups, salt);
    }

    private WireTransaction fromComponents(Map<ComponentGroup, List<byte[]>> groups, String salt) {
        List<byte[]> names = groups.get(ComponentGroup.COMMANDS);
        List<byte[]> signers = groups.get(ComponentGroup.SIGNERS);
        if (names.size() != signers.size() || groups.get(ComponentGroup.NOTARY).size() != 1
                || groups.get(ComponentGroup.TIME_WINDOW).size() > 1) {
            throw new IllegalStateException("corrupt ledger encoding: malformed component groups");
        }
        List<Command> commands = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            commands.add(new Command(command(names.get(i)), TransactionComponents.signers(signers.get(i))));
        }
        TimeWindow window = groups.get(ComponentGroup.TIME_WINDOW).stream()
                .map(TransactionComponents::timeWindow).findFirst().orElse(null);
        return new WireTransaction(groups.get(ComponentGroup.INPUTS).stream().map(TransactionComponents::input).toList(),
                groups.get(ComponentGroup.OUTPUTS).stream().map(this::decodeOutput).toList(), commands,
                TransactionComponents.notary(groups.get(ComponentGroup.NOTARY).get(0)), window, salt);
    }

    private CommandData command(byte[] component) {
        CanonicalReader in = new CanonicalReader(component);
        String name = TransactionComponents.whole(in, in.readString());
        CommandData value = commandsByName.get(name);
        if (value == null) {
            throw new IllegalStateException("unknown command: " + name);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private byte[] encodeOutput(TransactionState output) {
        StateCodec<ContractState> codec = (StateCodec<ContractState>) codecOf(output.data());
        CanonicalWriter out = new CanonicalWriter().writeString(output.contractName()).writeParty(output.notary())
                .writeString(codec.typeName());
        codec.encode(output.data(), out);
        return out.toByteArray();
    }

    private TransactionState decodeOutput(byte[] component) {
        CanonicalReader in = new CanonicalReader(component);
        String contractName = in.readString();
        Party notary = in.readParty();
        String typeName = in.readString();
        StateCodec<?> codec = codecsByName.get(typeName);
        if (codec == null) {
            throw new IllegalStateException("unknown state type: " + typeName);
        }
        return TransactionComponents.whole(in, new TransactionState(codec.decode(in), contractName, notary));
    }

    @SuppressWarnings("unchecked")
    private <T extends ContractState> StateCodec<T> codecOf(T state) {
        StateCodec<?> codec = codecsByType.get(state.getClass());
        if (codec == null) {
            throw new IllegalStateException("no codec registered for " + state.getClass().getName());
        }
        return (StateCodec<T>) codec;
    }
}
