package org.dotlink.story;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Of one host's facts, what links across hosts need ({@link StoryBuilder.Scope#ACROSS_HOSTS}): that the
 * host was seen, which (non-system) accounts and executable hashes it saw, which addresses it used, and
 * every remote access to or from it. Far fewer facts than the host's events, and with them a builder
 * across hosts finds the same account, tool-hash and remote-access links as one builder over every event.
 *
 * <p>Order matters for addresses only: the last host to use an address owns it, as the builder reads
 * its facts in input order. So each fact kept carries its {@link Kept#position() position}, the number
 * of the {@link #add} call it came from (an address use kept at its last); a driver merging several hosts
 * observes their facts in the order of the inputs those positions point back to. Repeats of the rest are
 * kept once; remote accesses are all kept. Not thread-safe.
 */
public final class CrossHostFacts {

    /**
     * A fact kept, and which call of {@link #add} gave it (0 for the first).
     */
    public record Kept(int position, EventFacts facts) {}

    private final Map<String, Kept> seen = new LinkedHashMap<>();
    private final Map<String, Kept> addresses = new HashMap<>();
    private final List<Kept> remotes = new ArrayList<>();
    private int added;

    /** Takes what the next event, in input order, said (null is ignored, but counts as a position). */
    public void add(EventFacts f) {
        int position = added++;
        if (f == null) {
            return;
        }
        seen.putIfAbsent("host|" + f.host(), kept(position, f.host(), f.time(), null, null, null, null, null));
        if (!Hubs.account(f.user())) {
            seen.putIfAbsent("user|" + f.host() + "|" + f.user(),
                    kept(position, f.host(), f.time(), f.user(), null, null, null, null));
        }
        if (f.hash() != null) {
            seen.putIfAbsent("hash|" + f.host() + "|" + f.hash(),
                    kept(position, f.host(), f.time(), null, f.hash(), null, null, null));
        }
        if (f.localAddress() != null && !f.localAddress().isEmpty()) {
            addresses.put(f.localAddress() + "|" + f.host(),
                    kept(position, f.host(), f.time(), null, null, null, null, f.localAddress()));
        }
        if (f.remoteFrom() != null || f.remoteTo() != null) {
            remotes.add(kept(position, f.host(), f.time(), f.user(), null, f.remoteFrom(), f.remoteTo(), null));
        }
    }

    /** The facts kept, by position. */
    public List<Kept> kept() {
        List<Kept> out = new ArrayList<>(seen.size() + addresses.size() + remotes.size());
        out.addAll(seen.values());
        out.addAll(addresses.values());
        out.addAll(remotes);
        out.sort(Comparator.comparingInt(Kept::position));
        return out;
    }

    private static Kept kept(int position, String host, long time, String user, String hash, String remoteFrom,
                             String remoteTo, String localAddress) {
        return new Kept(position, new EventFacts(host, time, null, null, null, null, false, null, user, null, null,
                hash, remoteFrom, remoteTo, null, localAddress, null, null, null, null, null, null));
    }
}
