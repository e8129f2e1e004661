package org.dotlink.ingest.archive;

import java.nio.charset.StandardCharsets;

/** The archive formats read as streams, recognised by content (never by file name). */
public enum ArchiveKind {
    /** {@code PK\3\4} (a local file header) or {@code PK\5\6} (an empty archive). */
    ZIP,
    /** {@code 1f 8b 08}: gzip with deflate; a tar inside is recognised after decompression. */
    GZIP,
    /** A tar header: {@code ustar} at offset 257, or (old v7 tar) a valid header checksum. */
    TAR;

    /**
     * Bytes from the start needed to recognise every kind: zip and gzip need 4, tar a whole 512-byte
     * header. With fewer bytes, zip and gzip are still recognised, tar is not.
     */
    public static final int SNIFF_BYTES = 512;

    private static final byte[] USTAR = "ustar".getBytes(StandardCharsets.US_ASCII);

    /** The archive kind of data starting with {@code head[0..length)}, or null when it is none of them. */
    public static ArchiveKind recognise(byte[] head, int length) {
        if (length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
            return ZIP;
        }
        if (length >= 3 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b && head[2] == 8) {
            return GZIP;
        }
        if (length >= 512 && (hasUstarMagic(head) || hasValidTarChecksum(head))) {
            return TAR;
        }
        return null;
    }

    /** POSIX {@code "ustar\0"} and GNU {@code "ustar  \0"} both start with "ustar" at offset 257. */
    private static boolean hasUstarMagic(byte[] h) {
        for (int i = 0; i < USTAR.length; i++) {
            if (h[257 + i] != USTAR[i]) {
                return false;
            }
        }
        return h[262] == 0 || h[262] == ' ';
    }

    /**
     * A v7 tar header has no magic: it is recognised by its checksum field (octal, offset 148, 8 bytes),
     * which must equal the sum of the header's bytes with that field taken as spaces. A name is required,
     * so that a block of zeros is not taken for a header.
     */
    private static boolean hasValidTarChecksum(byte[] h) {
        if (h[0] == 0) {
            return false;
        }
        long stored = 0;
        int digits = 0;
        int i = 148;
        while (i < 156 && h[i] == ' ') {
            i++;
        }
        for (; i < 156 && h[i] >= '0' && h[i] <= '7'; i++) {
            stored = stored * 8 + (h[i] - '0');
            digits++;
        }
        for (; i < 156; i++) {
            if (h[i] != 0 && h[i] != ' ') {
                return false;
            }
        }
        if (digits == 0) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int k = 0; k < 512; k++) {
            int b = (k >= 148 && k < 156) ? ' ' : h[k];
            unsigned += b & 0xff;
            signed += b;
        }
        return stored == unsigned || stored == signed;
    }
}
