package org.dotlink.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.dotlink.core.Event;
import org.dotlink.core.FieldNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceIdentityTest {

    @TempDir
    Path tmp;

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Path write(String relative, byte[] content) throws Exception {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, content);
    }

    @Test
    void sameFileThroughOtherPathSpellingsLinksAndCopiesHasTheSameIdentity() throws Exception {
        byte[] content = bytes(3 * SourceIdentity.EDGE_BYTES + 17, 1);
        Path file = write("a/x.evtx", content);
        Path link = Files.createSymbolicLink(tmp.resolve("link.evtx"), file);
        Path copy = write("b/copy of x.evtx", content);
        SourceIdentity id = new SourceIdentity();

        String key = id.sourceKey(file.toString());
        assertEquals(32, key.length());
        assertEquals(key, id.sourceKey(tmp.resolve("a/../a/x.evtx").toString()));
        assertEquals(key, id.sourceKey(tmp.resolve("a/./x.evtx").toString()));
        assertEquals(key, id.sourceKey(link.toString()));
        assertEquals(key, id.sourceKey(copy.toString()));
        // a fresh instance (another run) computes the same key
        assertEquals(key, new SourceIdentity().sourceKey(tmp.resolve("b/../a/x.evtx").toString()));
    }

    @Test
    void changedFilesGetAnotherIdentity() throws Exception {
        byte[] content = bytes(3 * SourceIdentity.EDGE_BYTES, 2);
        Path original = write("orig.evtx", content);
        String key = SourceIdentity.fingerprint(original);

        byte[] headChanged = content.clone();
        headChanged[10] ^= 1;
        byte[] tailChanged = content.clone();
        tailChanged[content.length - 1] ^= 1;
        byte[] grown = java.util.Arrays.copyOf(content, content.length + 1);
        byte[] shrunk = java.util.Arrays.copyOf(content, content.length - 1);
        for (byte[] changed : new byte[][] {headChanged, tailChanged, grown, shrunk}) {
            assertNotEquals(key, SourceIdentity.fingerprint(write("changed.evtx", changed)));
        }
        // small files are hashed whole: a change anywhere counts
        byte[] small = bytes(5000, 3);
        String smallKey = SourceIdentity.fingerprint(write("small.evtx", small));
        small[2500] ^= 1;
        assertNotEquals(smallKey, SourceIdentity.fingerprint(write("small2.evtx", small)));
        // empty files have a fingerprint too
        assertEquals(32, SourceIdentity.fingerprint(write("empty.evtx", new byte[0])).length());
    }

    @Test
    void archiveMembersAreTheArchiveFingerprintPlusTheMemberName() throws Exception {
        Path zip = write("logs/set.zip", bytes(1000, 4));
        SourceIdentity id = new SourceIdentity();
        String archive = SourceIdentity.fingerprint(zip);

        assertEquals(archive + "#dir/a.evtx", id.sourceKey(zip + "#dir/a.evtx"));
        assertEquals(archive + "#dir/a.evtx", id.sourceKey(tmp.resolve("logs/../logs/set.zip") + "#dir/a.evtx"));
        assertEquals(archive + "#inner.tar.gz#b#c.json", id.sourceKey(zip + "#inner.tar.gz#b#c.json"));
        assertNotEquals(id.sourceKey(zip + "#a.evtx"), id.sourceKey(zip + "#b.evtx"));
    }

    @Test
    void fileNamesWithHashSignsAreFilesNotMembers() throws Exception {
        Path named = write("odd#name.evtx", bytes(100, 5));
        assertEquals(SourceIdentity.fingerprint(named), new SourceIdentity().sourceKey(named.toString()));
    }

    @Test
    void recordKeyIsSourceKeyOffsetAndRecordId() throws Exception {
        Path file = write("r.evtx", bytes(100, 6));
        SourceIdentity id = new SourceIdentity();
        Event e = Event.builder(file.toString()).offset(4608).add(FieldNames.EVENT_RECORD_ID, "12294").build();
        assertEquals(SourceIdentity.fingerprint(file) + ":4608:12294", id.recordKey(e));
        Event noId = Event.builder(file.toString()).build();
        assertEquals(SourceIdentity.fingerprint(file) + ":-1:-1", id.recordKey(noId));
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        String missing = tmp.resolve("gone.evtx").toString();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new SourceIdentity().sourceKey(missing));
        assertTrue(e.getMessage().contains(missing), e.getMessage());
    }
}
