package io.clearline.flows.settlement;

/**
 * The node's process dies. An {@link Error}, because nothing in the node may take it for a failure to
 * handle: the flow runner leaves the flow's checkpoint RUNNABLE, as a crash would.
 */
final class NodeDied extends Error {
    NodeDied(String where) {
        super("the node died " + where);
    }
}
