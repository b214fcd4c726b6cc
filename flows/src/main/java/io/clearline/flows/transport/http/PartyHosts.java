package io.clearline.flows.transport.http;

import java.util.Optional;

/**
 * Which node hosts a party: the receiving side's rule for which parties an authenticated node may
 * speak for. An envelope from party P on node N is delivered only if this says N hosts P. The flow
 * runtime's network map has this shape ({@code networkMap::nodeOf}).
 */
@FunctionalInterface
public interface PartyHosts {
    Optional<String> nodeOf(String party);
}
