package org.dotlink.ingest.archive;

/**
 * An archive entry that is deliberately not handed out as a {@link Member}: nothing in it is lost data.
 *
 * @param source the archive's source, {@code #}, and the entry's name
 */
public record SkippedMember(String source, Reason reason) {

    public enum Reason {
        /** macOS metadata: anything under {@code __MACOSX/}, or an AppleDouble {@code ._name} file. */
        RESOURCE_FORK,
        /** A directory entry. */
        DIRECTORY,
        /** A symbolic or hard link, device or FIFO: no content of its own. */
        NOT_A_REGULAR_FILE,
        /** An archive nested deeper than {@link ArchiveReader#MAX_NESTING} levels. */
        NESTED_TOO_DEEP
    }
}
