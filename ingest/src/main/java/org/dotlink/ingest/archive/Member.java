package org.dotlink.ingest.archive;

import java.io.InputStream;

/**
 * One file inside an archive, handed out by {@link ArchiveReader}.
 *
 * @param source  what events and problems name: the archive's source, {@code #}, and {@link #name}
 *                ({@code logs.zip#a.json}; nested: {@code logs.zip#inner.tar.gz#b.json})
 * @param name    the member's path inside its (innermost) archive, as stored there
 * @param size    its uncompressed size when the archive says so before it is read, else -1
 * @param content its bytes from the start, decompressed, read sequentially. Valid until the next call of
 *                {@link ArchiveReader#hasNext()} or {@link ArchiveReader#next()}; reads after that fail.
 *                Closing it is not needed and does not close the archive. Damage met while reading ends
 *                the stream early (as a truncated file would) and is reported in
 *                {@link ArchiveReader#problems()}, with this source and the offset reached.
 */
public record Member(String source, String name, long size, InputStream content) {}
