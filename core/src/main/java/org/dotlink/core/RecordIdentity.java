package org.dotlink.core;

/**
 * How records are told apart when they are stored: a record's identity must not depend on how the path
 * of its file was written (DESIGN.md, "Events: the canonical form"). An implementation maps an event's
 * {@link Event#source() source} to a key for its content ({@code SourceIdentity} in {@code ingest}
 * fingerprints files); a record's key adds its position and record id.
 */
@FunctionalInterface
public interface RecordIdentity {

    /**
     * The key of a source: a file, or an archive member written {@code path#member}. The same content
     * reached through different path spellings must get the same key.
     */
    String sourceKey(String source);

    /**
     * The key of one record: {@code sourceKey:offset:recordId}. The source key may itself hold colons;
     * the last two parts are always numbers (-1 when unknown).
     */
    default String recordKey(Event event) {
        return sourceKey(event.source()) + ":" + event.offset() + ":" + event.recordId();
    }
}
