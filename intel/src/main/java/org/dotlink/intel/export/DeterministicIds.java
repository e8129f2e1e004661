package org.dotlink.intel.export;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs (version 5, SHA-1, RFC 9562), so that the same content gives the same id on every run.
 */
public final class DeterministicIds {

    /** Namespace of Dotlink's own objects (STIX domain objects, relationships, MISP uuids). */
    public static final UUID DOTLINK = UUID.fromString("7d1b0c3e-5a0f-4e64-9a7e-d0711c0de001");

    /** The namespace STIX 2.1 prescribes for cyber-observable ids (section 2.9). */
    public static final UUID STIX_SCO = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

    private DeterministicIds() {}

    /** The version 5 UUID of {@code name} in {@code namespace}. */
    public static UUID uuid5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** A STIX id {@code type--uuid} from the object's type and the content that makes it this object. */
    public static String stix(String type, String content) {
        return type + "--" + uuid5(DOTLINK, type + "|" + content);
    }
}
