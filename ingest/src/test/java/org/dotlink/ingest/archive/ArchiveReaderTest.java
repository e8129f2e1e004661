package org.dotlink.ingest.archive;

import static org.dotlink.ingest.archive.Archives.APPLE_DOUBLE;
import static org.dotlink.ingest.archive.Archives.DIRECTORY;
import static org.dotlink.ingest.archive.Archives.SYMLINK;
import static org.dotlink.ingest.archive.Archives.concat;
import static org.dotlink.ingest.archive.Archives.gzip;
import static org.dotlink.ingest.archive.Archives.jsonLines;
import static org.dotlink.ingest.archive.Archives.ordered;
import static org.dotlink.ingest.archive.Archives.readAll;
import static org.dotlink.ingest.archive.Archives.readFully;
import static org.dotlink.ingest.archive.Archives.tarGz;
import static org.dotlink.ingest.archive.Archives.write;
import static org.dotlink.ingest.archive.Archives.zip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.archive.Archives.Read;
import org.dotlink.ingest.archive.SkippedMember.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveReaderTest {

    @TempDir
    Path dir;

    private final byte[] a = jsonLines(1, 3000);
    private final byte[] b = jsonLines(2, 2000);
    private final byte[] c = jsonLines(3, 4000);

    /** A zip as macOS's Archive Utility makes them: a folder, resource forks under __MACOSX/, an empty file. */
    private Map<String, byte[]> macZip() {
        return ordered(
                "logs/", DIRECTORY,
                "logs/a.json", a,
                "__MACOSX/", DIRECTORY,
                "__MACOSX/logs/._a.json", APPLE_DOUBLE,
                "__MACOSX/._b.json", APPLE_DOUBLE,
                "b.json", b,
                "empty.json", new byte[0]);
    }

    private void assertMacZip(ArchiveReader r, String src) throws IOException {
        Read read = readAll(r);
        assertEquals(List.of(src + "#logs/a.json", src + "#b.json", src + "#empty.json"), read.sources());
        assertArrayEquals(a, read.contents().get(src + "#logs/a.json"));
        assertArrayEquals(b, read.contents().get(src + "#b.json"));
        assertArrayEquals(new byte[0], read.contents().get(src + "#empty.json"));
        assertEquals(List.of(
                new SkippedMember(src + "#logs/", Reason.DIRECTORY),
                new SkippedMember(src + "#__MACOSX/", Reason.DIRECTORY),
                new SkippedMember(src + "#__MACOSX/logs/._a.json", Reason.RESOURCE_FORK),
                new SkippedMember(src + "#__MACOSX/._b.json", Reason.RESOURCE_FORK)), r.skipped());
        assertEquals(2, r.skippedCount(Reason.RESOURCE_FORK));
        assertEquals(2, r.skippedCount(Reason.DIRECTORY));
        assertEquals(List.of(), r.problems());
        assertEquals(3, r.membersRead());
        assertEquals(a.length + b.length, r.bytesRead());
        assertEquals(ArchiveKind.ZIP, r.kind());
    }

    @Test
    void zipOnDiskEveryMemberInOrderWithDirectoriesAndResourceForksSkipped() throws IOException {
        Path file = write(dir.resolve("in/mac.zip"), zip(macZip()));
        try (ArchiveReader r = ArchiveReader.open(file, "in/mac.zip")) {
            assertMacZip(r, "in/mac.zip");
        }
    }

    @Test
    void zipAsStreamGivesTheSameMembers() throws IOException {
        // java.util.zip writes data descriptors: CRC and sizes come after each member's data.
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(zip(macZip())), "mac.zip")) {
            assertMacZip(r, "mac.zip");
        }
    }

    @Test
    void zipMemberSizeIsKnownBeforeReading() throws IOException {
        Path file = write(dir.resolve("s.zip"), zip(ordered("a.json", a)));
        try (ArchiveReader r = ArchiveReader.open(file, "s.zip")) {
            Member m = r.next();
            assertEquals("a.json", m.name());
            assertEquals(a.length, m.size());
        }
    }

    @Test
    void gzipIsOneMemberNamedWithoutDotGz() throws IOException {
        Path file = write(dir.resolve("in/a.json.gz"), gzip(a));
        try (ArchiveReader r = ArchiveReader.open(file, "in/a.json.gz")) {
            Read read = readAll(r);
            assertEquals(List.of("in/a.json.gz#a.json"), read.sources());
            assertArrayEquals(a, read.contents().get("in/a.json.gz#a.json"));
            assertEquals(List.of(), r.problems());
            assertEquals(ArchiveKind.GZIP, r.kind());
        }
    }

    @Test
    void concatenatedGzipMembersAreOneStream() throws IOException {
        byte[] both = concat(gzip(a), gzip(b));
        try (ArchiveReader r = ArchiveReader.open(write(dir.resolve("ab.json.gz"), both), "ab.json.gz")) {
            Read read = readAll(r);
            assertArrayEquals(concat(a, b), read.contents().get("ab.json.gz#ab.json"));
            assertEquals(List.of(), r.problems());
        }
        // Inside a zip too, where the gzip reads a member's stream.
        Path outer = write(dir.resolve("outer.zip"), zip(ordered("ab.json.gz", both)));
        try (ArchiveReader r = ArchiveReader.open(outer, "outer.zip")) {
            Read read = readAll(r);
            assertEquals(List.of("outer.zip#ab.json.gz#ab.json"), read.sources());
            assertArrayEquals(concat(a, b), read.contents().get("outer.zip#ab.json.gz#ab.json"));
            assertEquals(List.of(), r.problems());
        }
    }

    private Map<String, byte[]> tarEntries() {
        return ordered(
                "data/", DIRECTORY,
                "data/x.json", a,
                "latest.json", SYMLINK,
                "._x.json", APPLE_DOUBLE,
                "data/" + "long-folder-name/".repeat(8) + "y.json", b,
                "._not-apple-double.json", c);
    }

    @Test
    void tarGzEveryRegularFileAsPathHashMember() throws IOException {
        for (String name : List.of("logs.tar.gz", "logs.tgz")) {
            Path file = write(dir.resolve(name), tarGz(tarEntries()));
            try (ArchiveReader r = ArchiveReader.open(file, name)) {
                Read read = readAll(r);
                String longName = name + "#data/" + "long-folder-name/".repeat(8) + "y.json";
                assertEquals(List.of(name + "#data/x.json", longName, name + "#._not-apple-double.json"), read.sources());
                assertArrayEquals(a, read.contents().get(name + "#data/x.json"));
                assertArrayEquals(b, read.contents().get(longName));
                assertArrayEquals(c, read.contents().get(name + "#._not-apple-double.json"));
                assertEquals(List.of(
                        new SkippedMember(name + "#data/", Reason.DIRECTORY),
                        new SkippedMember(name + "#latest.json", Reason.NOT_A_REGULAR_FILE),
                        new SkippedMember(name + "#._x.json", Reason.RESOURCE_FORK)), r.skipped());
                assertEquals(List.of(), r.problems());
                assertEquals(ArchiveKind.GZIP, r.kind());
            }
        }
    }

    @Test
    void plainTarAndStreamsOfEveryKind() throws IOException {
        byte[] tar = Archives.tar(ordered("x.json", a));
        try (ArchiveReader r = ArchiveReader.open(write(dir.resolve("x.tar"), tar), "x.tar")) {
            assertEquals(ArchiveKind.TAR, r.kind());
            assertArrayEquals(a, readAll(r).contents().get("x.tar#x.json"));
        }
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(tarGz(ordered("x.json", a))), "s.tgz")) {
            assertArrayEquals(a, readAll(r).contents().get("s.tgz#x.json"));
            assertEquals(List.of(), r.problems());
        }
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(gzip(a)), "s.json.gz", ArchiveKind.GZIP)) {
            assertArrayEquals(a, readAll(r).contents().get("s.json.gz#s.json"));
        }
    }

    @Test
    void truncatedGzipKeepsWhatWasReadAndSaysWhere() throws IOException {
        byte[] whole = gzip(a);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        Path file = write(dir.resolve("cut.json.gz"), cut);
        try (ArchiveReader r = ArchiveReader.open(file, "cut.json.gz")) {
            Member m = r.next();
            assertEquals("cut.json.gz#cut.json", m.source());
            byte[] got = readFully(m.content());
            assertTrue(got.length > a.length / 3, "most of the first half is delivered, got " + got.length);
            assertArrayEquals(Arrays.copyOf(a, got.length), got, "what was read is the original's beginning");
            assertFalse(r.hasNext());
            ReadProblem p = single(r.problems());
            assertEquals("cut.json.gz#cut.json", p.source());
            assertEquals("uncompressed offset 0x" + Long.toHexString(got.length), p.location());
            assertTrue(p.isError());
            assertTrue(p.message().contains("gzip data ends early: the input ends at compressed offset 0x"
                    + Long.toHexString(cut.length) + ", inside the deflate data of gzip member 1"), p.message());
            assertTrue(p.message().contains(got.length + " bytes were read"), p.message());
            assertEquals(got.length, r.bytesRead());
        }
    }

    @Test
    void truncatedTarGzKeepsTheWholeMembersAndThePartOfTheCutOne() throws IOException {
        byte[] whole = tarGz(ordered("x.json", a, "y.json", b, "z.json", c));
        byte[] cut = Arrays.copyOf(whole, (int) (whole.length * 0.55)); // inside y.json
        try (ArchiveReader r = ArchiveReader.open(write(dir.resolve("cut.tar.gz"), cut), "cut.tar.gz")) {
            Read read = readAll(r);
            assertEquals(List.of("cut.tar.gz#x.json", "cut.tar.gz#y.json"), read.sources());
            assertArrayEquals(a, read.contents().get("cut.tar.gz#x.json"));
            byte[] y = read.contents().get("cut.tar.gz#y.json");
            assertTrue(y.length > 0 && y.length < b.length, "y.json is cut, got " + y.length);
            assertArrayEquals(Arrays.copyOf(b, y.length), y);
            assertEquals(2, r.problems().size(), r.problems().toString());
            ReadProblem member = r.problems().get(0);
            assertEquals("cut.tar.gz#y.json", member.source());
            assertEquals("uncompressed offset 0x" + Long.toHexString(y.length), member.location());
            assertTrue(member.message().contains("gzip data ends early"), member.message());
            ReadProblem rest = r.problems().get(1);
            assertEquals("cut.tar.gz", rest.source());
            assertTrue(rest.message().contains("any members after y.json are lost"), rest.message());
        }
    }

    @Test
    void damagedTarHeaderEndsTheArchiveWithAProblem() throws IOException {
        byte[] tar = Archives.tar(ordered("x.json", a, "y.json", b));
        int second = 512 + (a.length + 511) / 512 * 512;
        tar[second + 148] = 'x'; // y.json's header checksum field
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(Archives.gzip(tar)), "h.tar.gz")) {
            Read read = readAll(r);
            assertEquals(List.of("h.tar.gz#x.json"), read.sources());
            assertArrayEquals(a, read.contents().get("h.tar.gz#x.json"));
            ReadProblem p = single(r.problems());
            assertEquals("h.tar.gz", p.source());
            assertTrue(p.location().startsWith("tar offset 0x"), p.location());
            assertTrue(p.message().contains("the rest of the archive is lost"), p.message());
        }
    }

    @Test
    void gzipWithBadCrcIsReadWholeAndReported() throws IOException {
        byte[] gz = gzip(a);
        gz[gz.length - 8] ^= 0x55; // first byte of the stored CRC-32
        try (ArchiveReader r = ArchiveReader.open(write(dir.resolve("crc.json.gz"), gz), "crc.json.gz")) {
            assertArrayEquals(a, readAll(r).contents().get("crc.json.gz#crc.json"));
            ReadProblem p = single(r.problems());
            assertEquals("crc.json.gz#crc.json", p.source());
            assertTrue(p.isError());
            assertTrue(p.message().contains("CRC-32 mismatch"), p.message());
            assertEquals("compressed offset 0x" + Integer.toHexString(gz.length - 8)
                    + " (uncompressed offset 0x" + Integer.toHexString(a.length) + ")", p.location());
        }
    }

    @Test
    void bytesAfterTheGzipDataAreReportedNotRead() throws IOException {
        byte[] gz = concat(gzip(a), "trailing".getBytes(StandardCharsets.US_ASCII));
        try (ArchiveReader r = ArchiveReader.open(write(dir.resolve("t.json.gz"), gz), "t.json.gz")) {
            assertArrayEquals(a, readAll(r).contents().get("t.json.gz#t.json"));
            ReadProblem p = single(r.problems());
            assertFalse(p.isError(), "nothing is lost");
            assertTrue(p.message().contains("not a gzip member; ignored"), p.message());
        }
    }

    @Test
    void zipOnDiskWithADamagedMemberReportsItAndReadsTheOthers() throws IOException {
        // Damage the deflate block header: the decoder fails at once.
        Path file = Archives.zipWithSizesInLocalHeaders(dir.resolve("bad.zip"), ordered("m0.json", a, "m1.json", b, "m2.json", c));
        long[] range = Archives.dataRange(file, "m1.json");
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) range[0]] = (byte) 0xff; // BFINAL=1, BTYPE=11: a reserved block type
        Files.write(file, bytes);
        try (ArchiveReader r = ArchiveReader.open(file, "bad.zip")) {
            Read read = readAll(r);
            // m1 fails at its first byte: it is reported, and not handed out as an empty file.
            assertEquals(List.of("bad.zip#m0.json", "bad.zip#m2.json"), read.sources());
            assertArrayEquals(a, read.contents().get("bad.zip#m0.json"));
            assertArrayEquals(c, read.contents().get("bad.zip#m2.json"));
            ReadProblem p = single(r.problems());
            assertEquals("bad.zip#m1.json", p.source());
            assertEquals("uncompressed offset 0x0", p.location());
            assertTrue(p.message().contains("zip member data is damaged (invalid block type)"), p.message());
        }
    }

    @Test
    void flippedBytesInsideAMemberAreCaughtByItsCrcOnDiskAndInAStream() throws IOException {
        // Flipped bytes in the middle of deflate data often decode to wrong bytes without any error:
        // only the stored CRC-32 and size tell, and the zip readers underneath check neither. In the
        // stream, java.util.zip's data descriptors put CRC and size after the data.
        byte[] bytes = zip(ordered("m0.json", a, "m1.json", b, "m2.json", c));
        Path file = write(dir.resolve("flip.zip"), bytes);
        long[] range = Archives.dataRange(file, "m1.json");
        for (int i = 0; i < 8; i++) {
            bytes[(int) (range[0] + range[1] / 2) + i] ^= 0x5a;
        }
        Files.write(file, bytes);
        for (boolean onDisk : new boolean[] {true, false}) {
            try (ArchiveReader r = onDisk ? ArchiveReader.open(file, "flip.zip")
                    : ArchiveReader.open(new ByteArrayInputStream(bytes), "flip.zip")) {
                Read read = readAll(r);
                assertEquals(List.of("flip.zip#m0.json", "flip.zip#m1.json", "flip.zip#m2.json"), read.sources());
                assertArrayEquals(a, read.contents().get("flip.zip#m0.json"));
                assertArrayEquals(c, read.contents().get("flip.zip#m2.json"));
                ReadProblem p = single(r.problems());
                assertEquals("flip.zip#m1.json", p.source());
                assertTrue(p.isError());
                assertTrue(p.message().startsWith("member is damaged"), p.message());
            }
        }
    }

    @Test
    void zipStreamGoesOnAfterADamagedMemberWhenItsLocalHeaderGaveTheSize() throws IOException {
        Path file = Archives.zipWithSizesInLocalHeaders(dir.resolve("bad.zip"), ordered("m0.json", a, "m1.json", b, "m2.json", c));
        long[] range = Archives.dataRange(file, "m1.json");
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) range[0]] = (byte) 0xff;
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(bytes), "bad.zip")) {
            Read read = readAll(r);
            assertEquals(List.of("bad.zip#m0.json", "bad.zip#m2.json"), read.sources());
            assertArrayEquals(a, read.contents().get("bad.zip#m0.json"));
            assertArrayEquals(c, read.contents().get("bad.zip#m2.json"));
            ReadProblem p = single(r.problems());
            assertEquals("bad.zip#m1.json", p.source());
        }
    }

    @Test
    void zipStreamCannotFindTheNextMemberAfterADamagedOneWithADataDescriptor() throws IOException {
        byte[] bytes = zip(ordered("m0.json", a, "m1.json", b, "m2.json", c));
        Path file = write(dir.resolve("dd.zip"), bytes);
        long[] range = Archives.dataRange(file, "m1.json");
        bytes[(int) range[0]] = (byte) 0xff;
        Files.write(file, bytes);
        // From a stream the rest is lost, and said so ...
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(bytes), "dd.zip")) {
            Read read = readAll(r);
            assertEquals(List.of("dd.zip#m0.json"), read.sources());
            assertArrayEquals(a, read.contents().get("dd.zip#m0.json"));
            assertEquals(2, r.problems().size(), r.problems().toString());
            assertEquals("dd.zip#m1.json", r.problems().get(0).source());
            ReadProblem rest = r.problems().get(1);
            assertEquals("dd.zip", rest.source());
            assertEquals("after member 2 (m1.json)", rest.location());
            assertTrue(rest.message().contains("the next member cannot be found after the damaged one"), rest.message());
        }
        // ... which is why a zip on disk is read through its central directory.
        try (ArchiveReader r = ArchiveReader.open(file, "dd.zip")) {
            Read read = readAll(r);
            assertEquals(List.of("dd.zip#m0.json", "dd.zip#m2.json"), read.sources());
            assertArrayEquals(c, read.contents().get("dd.zip#m2.json"));
            assertEquals("dd.zip#m1.json", single(r.problems()).source());
        }
    }

    @Test
    void truncatedZipIsReadFromItsLocalHeaders() throws IOException {
        byte[] whole = zip(ordered("m0.json", a, "m1.json", b, "m2.json", c));
        Path full = write(dir.resolve("full.zip"), whole);
        long[] m2 = Archives.dataRange(full, "m2.json");
        byte[] cut = Arrays.copyOf(whole, (int) (m2[0] + m2[1] / 2));
        try (ArchiveReader r = ArchiveReader.open(write(dir.resolve("cut.zip"), cut), "cut.zip")) {
            Read read = readAll(r);
            assertEquals(List.of("cut.zip#m0.json", "cut.zip#m1.json", "cut.zip#m2.json"), read.sources());
            assertArrayEquals(a, read.contents().get("cut.zip#m0.json"));
            assertArrayEquals(b, read.contents().get("cut.zip#m1.json"));
            byte[] part = read.contents().get("cut.zip#m2.json");
            assertArrayEquals(Arrays.copyOf(c, part.length), part);
            ReadProblem cd = r.problems().get(0);
            assertEquals("cut.zip", cd.source());
            assertFalse(cd.isError());
            assertTrue(cd.message().contains("central directory cannot be read"), cd.message());
            ReadProblem member = r.problems().get(1);
            assertEquals("cut.zip#m2.json", member.source());
            assertTrue(member.isError());
            assertTrue(member.message().contains("ends early"), member.message());
        }
    }

    @Test
    void encryptedZipMemberIsReportedAndTheOthersRead() throws IOException {
        byte[] bytes = zip(ordered("m0.json", a, "secret.json", b, "m2.json", c));
        Path file = write(dir.resolve("enc.zip"), bytes);
        setEncryptedFlag(bytes, "secret.json");
        Files.write(file, bytes);
        try (ArchiveReader r = ArchiveReader.open(file, "enc.zip")) {
            Read read = readAll(r);
            assertEquals(List.of("enc.zip#m0.json", "enc.zip#m2.json"), read.sources());
            assertArrayEquals(c, read.contents().get("enc.zip#m2.json"));
            ReadProblem p = single(r.problems());
            assertEquals("enc.zip#secret.json", p.source());
            assertEquals("member 2", p.location());
            assertEquals("member not read: it is encrypted", p.message());
        }
    }

    @Test
    void nonArchiveGivesNoMembersAndOneProblem() throws IOException {
        Path file = write(dir.resolve("a.zip"), a); // named .zip, but JSON inside
        try (ArchiveReader r = ArchiveReader.open(file, "a.zip")) {
            assertNull(r.kind());
            assertFalse(r.hasNext());
            ReadProblem p = single(r.problems());
            assertEquals("a.zip", p.source());
            assertEquals("offset 0x0", p.location());
            assertTrue(p.message().startsWith("not a zip, gzip or tar archive"), p.message());
        }
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(new byte[0]), "empty")) {
            assertFalse(r.hasNext());
            assertEquals(1, r.problems().size());
        }
    }

    @Test
    void emptyZipHasNoMembersAndNoProblems() throws IOException {
        try (ArchiveReader r = ArchiveReader.open(write(dir.resolve("e.zip"), zip(ordered())), "e.zip")) {
            assertFalse(r.hasNext());
            assertEquals(List.of(), r.problems());
        }
    }

    @Test
    void nestedArchivesAreReadInTurn() throws IOException {
        byte[] outer = zip(ordered(
                "inner.zip", zip(ordered("c.json", c, "__MACOSX/._c.json", APPLE_DOUBLE)),
                "d.json.gz", gzip(a),
                "e.tar.gz", tarGz(ordered("f.json", b)),
                "g.json", a));
        for (boolean onDisk : new boolean[] {true, false}) {
            try (ArchiveReader r = onDisk ? ArchiveReader.open(write(dir.resolve("outer.zip"), outer), "outer.zip")
                    : ArchiveReader.open(new ByteArrayInputStream(outer), "outer.zip")) {
                Read read = readAll(r);
                assertEquals(List.of("outer.zip#inner.zip#c.json", "outer.zip#d.json.gz#d.json",
                        "outer.zip#e.tar.gz#f.json", "outer.zip#g.json"), read.sources());
                assertArrayEquals(c, read.contents().get("outer.zip#inner.zip#c.json"));
                assertArrayEquals(a, read.contents().get("outer.zip#d.json.gz#d.json"));
                assertArrayEquals(b, read.contents().get("outer.zip#e.tar.gz#f.json"));
                assertArrayEquals(a, read.contents().get("outer.zip#g.json"));
                assertEquals(List.of(new SkippedMember("outer.zip#inner.zip#__MACOSX/._c.json", Reason.RESOURCE_FORK)),
                        r.skipped());
                assertEquals(List.of(), r.problems());
                assertEquals(4, r.membersRead());
            }
        }
    }

    @Test
    void archivesNestedTooDeepAreSkipped() throws IOException {
        byte[] level = zip(ordered("l4.json", a));
        for (int depth = 3; depth >= 0; depth--) {
            level = zip(ordered("l" + depth + ".json", b, "l" + (depth + 1) + ".zip", level));
        }
        // outer (depth 0) > l1.zip > l2.zip > l3.zip > l4.zip: four levels inside, one too many
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(level), "l0.zip")) {
            Read read = readAll(r);
            assertEquals(List.of("l0.zip#l0.json", "l0.zip#l1.zip#l1.json", "l0.zip#l1.zip#l2.zip#l2.json",
                    "l0.zip#l1.zip#l2.zip#l3.zip#l3.json"), read.sources());
            assertEquals(List.of(new SkippedMember("l0.zip#l1.zip#l2.zip#l3.zip#l4.zip", Reason.NESTED_TOO_DEEP)),
                    r.skipped());
            assertEquals(List.of(), r.problems());
        }
    }

    @Test
    void damageInsideANestedArchiveNamesTheInnerMember() throws IOException {
        byte[] inner = gzip(a);
        byte[] cut = Arrays.copyOf(inner, inner.length / 2);
        byte[] outer = zip(ordered("cut.json.gz", cut, "ok.json", b));
        try (ArchiveReader r = ArchiveReader.open(write(dir.resolve("o.zip"), outer), "o.zip")) {
            Read read = readAll(r);
            assertEquals(List.of("o.zip#cut.json.gz#cut.json", "o.zip#ok.json"), read.sources());
            assertArrayEquals(b, read.contents().get("o.zip#ok.json"));
            ReadProblem p = single(r.problems());
            assertEquals("o.zip#cut.json.gz#cut.json", p.source());
            assertTrue(p.message().contains("gzip data ends early"), p.message());
        }
    }

    @Test
    void aMembersContentEndsWithTheNextCall() throws IOException {
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(zip(ordered("a.json", a, "b.json", b))), "z.zip")) {
            Member first = r.next();
            InputStream content = first.content();
            assertEquals('{', content.read());
            assertTrue(r.hasNext());
            IOException e = assertThrows(IOException.class, content::read);
            assertTrue(e.getMessage().contains("moved on to its next member"), e.getMessage());
            Member second = r.next();
            assertArrayEquals(b, readFully(second.content()));
            assertFalse(r.hasNext());
            assertEquals(List.of(), r.problems(), "a member left unread is no damage");
        }
    }

    @Test
    void newProblemsGivesEachProblemOnce() throws IOException {
        byte[] gz = gzip(a);
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(Arrays.copyOf(gz, gz.length / 2)), "x.gz")) {
            assertEquals(List.of(), r.newProblems());
            readFully(r.next().content());
            assertEquals(1, r.newProblems().size());
            assertEquals(List.of(), r.newProblems());
            assertEquals(1, r.problems().size());
        }
    }

    @Test
    void gzipHeaderWithEveryOptionalField() throws IOException {
        // FEXTRA, FNAME, FCOMMENT and FHCRC, as few writers set them all (GZIPOutputStream sets none).
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(a);
        deflater.finish();
        byte[] raw = new byte[a.length + 1024];
        int n = deflater.deflate(raw);
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(a);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        gz.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
        gz.writeBytes(new byte[] {3, 0, 'x', 'y', 'z'});
        gz.writeBytes("original-name.json\0a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        gz.writeBytes(new byte[] {0x12, 0x34});
        gz.write(raw, 0, n);
        writeIntLe(gz, (int) crc.getValue());
        writeIntLe(gz, a.length);
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(gz.toByteArray()), "h.json.gz")) {
            assertArrayEquals(a, readAll(r).contents().get("h.json.gz#h.json"));
            assertEquals(List.of(), r.problems());
        }
    }

    @Test
    void emptyGzipIsAnEmptyMember() throws IOException {
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(gzip(new byte[0])), "e.json.gz")) {
            assertArrayEquals(new byte[0], readAll(r).contents().get("e.json.gz#e.json"));
            assertEquals(List.of(), r.problems());
        }
    }

    @Test
    void gzipWithDamagedDeflateDataKeepsWhatCameBefore() throws IOException {
        byte[] gz = concat(gzip(a), gzip(b));
        int second = gzip(a).length;
        gz[second + 10] = (byte) 0xff; // the second gzip member's first deflate block: reserved type
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(gz), "d.json.gz")) {
            assertArrayEquals(a, readAll(r).contents().get("d.json.gz#d.json"));
            ReadProblem p = single(r.problems());
            assertEquals("d.json.gz#d.json", p.source());
            assertEquals("uncompressed offset 0x" + Integer.toHexString(a.length), p.location());
            assertTrue(p.message().contains("gzip data is damaged (invalid block type) in gzip member 2"), p.message());
        }
    }

    @Test
    void gzipWithADamagedSecondHeaderKeepsTheFirstMember() throws IOException {
        byte[] gz = concat(gzip(a), gzip(b));
        gz[gzip(a).length + 2] = 7; // compression method 7
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(gz), "d.json.gz")) {
            assertArrayEquals(a, readAll(r).contents().get("d.json.gz#d.json"));
            ReadProblem p = single(r.problems());
            assertTrue(p.message().contains("gzip member 2 at compressed offset 0x" + Integer.toHexString(gzip(a).length)
                    + " uses compression method 7, expected 8 (deflate)"), p.message());
        }
    }

    @Test
    void gzipEndingInsideItsTrailerIsReadWholeWithAWarning() throws IOException {
        byte[] gz = gzip(a);
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(Arrays.copyOf(gz, gz.length - 3)), "t.json.gz")) {
            assertArrayEquals(a, readAll(r).contents().get("t.json.gz#t.json"));
            ReadProblem p = single(r.problems());
            assertFalse(p.isError());
            assertTrue(p.message().contains("ends inside the trailer of gzip member 1"), p.message());
        }
    }

    @Test
    void gzipWhoseFirstHeaderIsDamagedGivesNoMember() throws IOException {
        byte[] gz = gzip(a);
        gz[3] = (byte) 0xe0; // reserved flags
        try (ArchiveReader r = ArchiveReader.open(new ByteArrayInputStream(gz), "f.json.gz")) {
            assertFalse(r.hasNext());
            ReadProblem p = single(r.problems());
            assertEquals("f.json.gz#f.json", p.source());
            assertTrue(p.message().contains("reserved header flags"), p.message());
        }
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    @Test
    void memberNamesOfCompressedFiles() {
        assertEquals("a.json", SingleContainer.memberName("in/a.json.gz"));
        assertEquals("a.json", SingleContainer.memberName("in\\a.json.GZ"));
        assertEquals("b.tar", SingleContainer.memberName("x.zip#dir/b.tgz"));
        assertEquals("c", SingleContainer.memberName("c.z"));
        assertEquals("d.gzip", SingleContainer.memberName("d.gzip"));
        assertEquals(".gz", SingleContainer.memberName("dir/.gz"));
    }

    private static ReadProblem single(List<ReadProblem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    /** Sets general purpose bit 0 (encrypted) of an entry in its local header and in the central directory. */
    private static void setEncryptedFlag(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K') {
                if (zip[i + 2] == 3 && zip[i + 3] == 4 && Arrays.equals(zip, i + 30, i + 30 + n.length, n, 0, n.length)) {
                    zip[i + 6] |= 1;
                } else if (zip[i + 2] == 1 && zip[i + 3] == 2
                        && Arrays.equals(zip, i + 46, i + 46 + n.length, n, 0, n.length)) {
                    zip[i + 8] |= 1;
                }
            }
        }
    }
}
