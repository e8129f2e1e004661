package org.dotlink.ingest.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.archive.SkippedMember.Reason;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every archive of the Mordor (OTRF Security-Datasets) Windows datasets in the shared data opens, and
 * every member streams to its end with no problem: 121 archives (114 .zip, 7 .tar.gz), one JSON file
 * each, and 14 {@code __MACOSX/._*} resource forks among the zips (per the data README). Skipped, with a
 * message, when the shared data is absent.
 */
class MordorArchivesTest {

    /** What Python's zipfile and tarfile list for the same 121 archives (their uncompressed sizes added up). */
    private static final int ARCHIVES = 121;
    private static final int ZIPS = 114;
    private static final int TAR_GZS = 7;
    private static final int RESOURCE_FORKS = 14;
    private static final long ZIP_BYTES = 1_569_562_240L;
    private static final long TAR_GZ_BYTES = 135_213_636L;

    record Totals(int archives, int zips, int tarGzs, int members, long zipBytes, long tarGzBytes, int resourceForks,
            int otherSkipped, List<ReadProblem> problems, List<String> notOneJsonMember) {}

    private static Path mordor() {
        String p = System.getProperty("dotlink.shared.data");
        Path dir = p == null || p.isBlank() ? null : Path.of(p, "mordor", "windows");
        if (dir == null || !Files.isDirectory(dir)) {
            System.out.println("SKIPPED: Mordor datasets not found at " + dir
                    + " (system property dotlink.shared.data); archive test over real data skipped");
        }
        Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "shared data not found: " + dir);
        return dir;
    }

    private static List<Path> archives(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".zip") || f.toString().endsWith(".tar.gz"))
                    .sorted()
                    .toList();
        }
    }

    /** @param asStreams open each archive as a stream (a zip is then read from its local headers), not as a file */
    private static Totals readEvery(Path root, boolean asStreams, Function<Path, Boolean> include) throws IOException {
        int archives = 0, zips = 0, tarGzs = 0, members = 0, forks = 0, otherSkipped = 0;
        long zipBytes = 0, tarGzBytes = 0;
        List<ReadProblem> problems = new ArrayList<>();
        List<String> odd = new ArrayList<>();
        for (Path file : archives(root)) {
            if (!include.apply(file)) {
                continue;
            }
            String source = root.relativize(file).toString();
            boolean zip = source.endsWith(".zip");
            archives++;
            if (zip) {
                zips++;
            } else {
                tarGzs++;
            }
            int inThis = 0;
            try (InputStream fileIn = asStreams ? Files.newInputStream(file) : InputStream.nullInputStream();
                    ArchiveReader r = asStreams ? ArchiveReader.open(fileIn, source) : ArchiveReader.open(file, source)) {
                while (r.hasNext()) {
                    Member m = r.next();
                    long n;
                    try (InputStream in = m.content()) {
                        n = in.transferTo(OutputStream.nullOutputStream());
                    }
                    assertTrue(m.size() < 0 || m.size() == n, m.source() + ": " + n + " bytes, size says " + m.size());
                    assertEquals(source + "#" + m.name(), m.source());
                    inThis++;
                    if (!m.name().endsWith(".json")) {
                        odd.add(m.source());
                    }
                    if (zip) {
                        zipBytes += n;
                    } else {
                        tarGzBytes += n;
                    }
                }
                members += inThis;
                forks += r.skippedCount(Reason.RESOURCE_FORK);
                otherSkipped += r.skipped().size() - r.skippedCount(Reason.RESOURCE_FORK);
                problems.addAll(r.problems());
                assertEquals(zip ? ArchiveKind.ZIP : ArchiveKind.GZIP, r.kind(), source);
            }
            if (inThis != 1) {
                odd.add(source + " has " + inThis + " members");
            }
        }
        return new Totals(archives, zips, tarGzs, members, zipBytes, tarGzBytes, forks, otherSkipped, problems, odd);
    }

    private static void report(String how, Totals t, long nanos) {
        System.out.printf("Mordor archives (%s): %d archives (%d .zip, %d .tar.gz), %d members, %,d bytes"
                        + " (%,d from zips, %,d from tar.gz), %d __MACOSX resource forks skipped, %d other skipped,"
                        + " %d problems, %.1f s%n",
                how, t.archives(), t.zips(), t.tarGzs(), t.members(), t.zipBytes() + t.tarGzBytes(), t.zipBytes(),
                t.tarGzBytes(), t.resourceForks(), t.otherSkipped(), t.problems().size(), nanos / 1e9);
    }

    @Test
    void everyArchiveOpensAndEveryMemberStreamsToItsEnd() throws IOException {
        Path root = mordor();
        long start = System.nanoTime();
        Totals t = readEvery(root, false, f -> true);
        report("files: zips through their central directory", t, System.nanoTime() - start);
        assertEquals(List.of(), t.problems());
        assertEquals(List.of(), t.notOneJsonMember());
        assertEquals(ARCHIVES, t.archives());
        assertEquals(ZIPS, t.zips());
        assertEquals(TAR_GZS, t.tarGzs());
        assertEquals(ARCHIVES, t.members());
        assertEquals(RESOURCE_FORKS, t.resourceForks());
        assertEquals(0, t.otherSkipped());
        assertEquals(ZIP_BYTES, t.zipBytes());
        assertEquals(TAR_GZ_BYTES, t.tarGzBytes());
    }

    @Test
    void everyZipReadAsAStreamGivesTheSameMembers() throws IOException {
        // From local headers, as a zip inside another archive is read: 34 of these entries have their CRC
        // and sizes in data descriptors after the data, checked once the next entry is found.
        Path root = mordor();
        long start = System.nanoTime();
        Totals t = readEvery(root, true, f -> f.toString().endsWith(".zip"));
        report("streams: zips from their local headers", t, System.nanoTime() - start);
        assertEquals(List.of(), t.problems());
        assertEquals(ZIPS, t.members());
        assertEquals(RESOURCE_FORKS, t.resourceForks());
        assertEquals(ZIP_BYTES, t.zipBytes());
    }
}
