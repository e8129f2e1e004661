package org.dotlink.ingest.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchiveKindTest {

    private static ArchiveKind kind(byte[] b) {
        return ArchiveKind.recognise(b, b.length);
    }

    @Test
    void zipByLocalHeaderOrEmptyArchive() {
        assertEquals(ArchiveKind.ZIP, kind(Archives.zip(Map.of("a.json", new byte[] {1}))));
        assertEquals(ArchiveKind.ZIP, kind(Archives.zip(Map.of()))); // PK\5\6: end of central directory only
        assertNull(kind(new byte[] {'P', 'K', 1, 2}));
        assertNull(kind(new byte[] {'P', 'K', 3}));
    }

    @Test
    void gzipWithDeflate() {
        assertEquals(ArchiveKind.GZIP, kind(Archives.gzip(new byte[] {1, 2, 3})));
        assertNull(kind(new byte[] {0x1f, (byte) 0x8b, 7}), "a gzip magic with another method is not gzip data");
    }

    @Test
    void tarByUstarMagicOrV7Checksum() {
        byte[] ustar = Archives.tar(Map.of("a.json", new byte[] {'x'}));
        assertEquals(ArchiveKind.TAR, kind(ustar));
        assertEquals(ArchiveKind.TAR, ArchiveKind.recognise(ustar, 512));
        assertNull(ArchiveKind.recognise(ustar, 511), "a whole header is needed");

        byte[] v7 = Arrays.copyOf(ustar, 512);
        Arrays.fill(v7, 257, 265, (byte) 0); // no magic, no version: an old v7 header
        long sum = 0;
        Arrays.fill(v7, 148, 156, (byte) ' ');
        for (byte b : v7) {
            sum += b & 0xff;
        }
        byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, v7, 148, 8);
        assertEquals(ArchiveKind.TAR, kind(v7));
        v7[0] ^= 1;
        assertNull(kind(v7), "a checksum that does not add up is no tar header");
    }

    @Test
    void otherDataIsNoArchive() {
        assertNull(kind("{\"EventID\":4624}\n".repeat(40).getBytes(StandardCharsets.UTF_8)));
        assertNull(kind(Arrays.copyOf("ElfFile\0".getBytes(StandardCharsets.US_ASCII), 4096)));
        assertNull(kind(new byte[512]));
        assertNull(kind(new byte[0]));
    }
}
