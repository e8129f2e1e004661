/**
 * Archives read as streams: {@code .zip}, {@code .gz}, {@code .tar.gz}/{@code .tgz} and {@code .tar},
 * nested ones included. {@link org.dotlink.ingest.archive.ArchiveReader} hands out the files inside as
 * {@link org.dotlink.ingest.archive.Member}s named {@code path#member}, whose content the event readers
 * read like any file; skipped entries and damage are listed, never dropped silently.
 */
package org.dotlink.ingest.archive;
