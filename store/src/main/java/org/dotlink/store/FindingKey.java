package org.dotlink.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.dotlink.core.Detection;
import org.dotlink.core.EventRef;
import org.dotlink.core.RecordIdentity;

/**
 * The identity of a finding: its rule and what it fired on, {@code rule/recordKey} for a single-event
 * rule, and for a correlation {@code rule/} plus 32 hex digits of SHA-256 over the identities of its
 * events ({@code sourceKey:recordId} each, in order). The rule is its id, or {@code title:} and its title
 * for a rule without an id. Story, asset role and level are not part of it: the same detection is one
 * finding however it was reported.
 */
final class FindingKey {

    private FindingKey() {}

    static String of(Detection d, String recordKey, RecordIdentity identity) {
        String rule = d.rule().id() == null || d.rule().id().isEmpty() ? "title:" + d.rule().title() : d.rule().id();
        if (!d.isCorrelation()) {
            return rule + "/" + recordKey;
        }
        MessageDigest sha = sha256();
        for (EventRef ref : d.events()) {
            sha.update((identity.sourceKey(ref.source()) + ":" + ref.recordId() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return rule + "/" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
