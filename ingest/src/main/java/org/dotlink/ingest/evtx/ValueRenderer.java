package org.dotlink.ingest.evtx;

import static org.dotlink.ingest.evtx.LittleEndian.i32;
import static org.dotlink.ingest.evtx.LittleEndian.i64;
import static org.dotlink.ingest.evtx.LittleEndian.u16;
import static org.dotlink.ingest.evtx.LittleEndian.u32;
import static org.dotlink.ingest.evtx.LittleEndian.u8;

import java.nio.charset.Charset;
import org.dotlink.core.IsoTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders BinXML substitution values as Windows renders them in an event's XML (DESIGN.md, canonical
 * form): hex integers as {@code 0x} + lowercase hex without leading zeros, GUIDs as {@code {UPPER}},
 * SIDs as {@code S-1-...}, FILETIME and SYSTEMTIME as ISO-8601 UTC with 7 fractional digits, binary as
 * uppercase hex, booleans as {@code true}/{@code false}.
 */
final class ValueRenderer {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    private static final long FILETIME_EPOCH_DIFF = 116_444_736_000_000_000L;

    private char[] scratch = new char[256];

    /**
     * Renders one value. Arrays give a {@code String[]}; every other type a {@code String}.
     *
     * @throws EvtxFormatException when the size does not fit the type
     */
    Object render(byte[] b, int off, int size, int type) {
        if ((type & ValueType.ARRAY) != 0) {
            return renderArray(b, off, size, type & ~ValueType.ARRAY);
        }
        return renderScalar(b, off, size, type);
    }

    String renderScalar(byte[] b, int off, int size, int type) {
        switch (type) {
            case ValueType.NULL:
                return "";
            case ValueType.STRING:
                return utf16(b, off, size / 2, true);
            case ValueType.ANSI_STRING: {
                int n = size;
                while (n > 0 && b[off + n - 1] == 0) {
                    n--;
                }
                return new String(b, off, n, WINDOWS_1252);
            }
            case ValueType.SIZE_T:
                if (size == 4) {
                    return hex32(i32(b, off));
                }
                expectSize(off, size, 8, type);
                return hex64(i64(b, off));
            case ValueType.BINARY:
            case ValueType.EVT_HANDLE:
            case ValueType.EVT_XML:
                return hexBytes(b, off, size);
            case ValueType.SID:
                return sid(b, off, size);
            default:
                break;
        }
        int fixed = ValueType.fixedSize(type);
        if (fixed == 0) {
            throw new EvtxFormatException(off, "unknown value type 0x" + Integer.toHexString(type));
        }
        expectSize(off, size, fixed, type);
        return fixed(b, off, type);
    }

    private String fixed(byte[] b, int off, int type) {
        return switch (type) {
            case ValueType.INT8 -> Integer.toString(b[off]);
            case ValueType.UINT8 -> Integer.toString(u8(b, off));
            case ValueType.INT16 -> Integer.toString((short) u16(b, off));
            case ValueType.UINT16 -> Integer.toString(u16(b, off));
            case ValueType.INT32 -> Integer.toString(i32(b, off));
            case ValueType.UINT32 -> Long.toString(u32(b, off));
            case ValueType.INT64 -> Long.toString(i64(b, off));
            case ValueType.UINT64 -> Long.toUnsignedString(i64(b, off));
            case ValueType.REAL32 -> real(Float.intBitsToFloat(i32(b, off)));
            case ValueType.REAL64 -> real(Double.longBitsToDouble(i64(b, off)));
            case ValueType.BOOL -> i32(b, off) != 0 ? "true" : "false";
            case ValueType.HEX_INT32 -> hex32(i32(b, off));
            case ValueType.HEX_INT64 -> hex64(i64(b, off));
            case ValueType.GUID -> guid(b, off);
            case ValueType.FILETIME -> filetime(i64(b, off));
            case ValueType.SYSTEMTIME -> systemtime(b, off);
            default -> throw new EvtxFormatException(off, "unknown value type 0x" + Integer.toHexString(type));
        };
    }

    private Object renderArray(byte[] b, int off, int size, int baseType) {
        List<String> items = new ArrayList<>();
        if (baseType == ValueType.STRING) {
            int end = off + (size & ~1);
            int start = off;
            for (int p = off; p < end; p += 2) {
                if (b[p] == 0 && b[p + 1] == 0) {
                    items.add(utf16(b, start, (p - start) / 2, false));
                    start = p + 2;
                }
            }
            if (start < end) {
                items.add(utf16(b, start, (end - start) / 2, false));
            }
        } else if (baseType == ValueType.ANSI_STRING) {
            int start = off;
            for (int p = off; p < off + size; p++) {
                if (b[p] == 0) {
                    items.add(new String(b, start, p - start, WINDOWS_1252));
                    start = p + 1;
                }
            }
            if (start < off + size) {
                items.add(new String(b, start, off + size - start, WINDOWS_1252));
            }
        } else {
            int each = baseType == ValueType.SIZE_T ? (size % 8 == 0 ? 8 : 4) : ValueType.fixedSize(baseType);
            if (each == 0 || size % each != 0) {
                throw new EvtxFormatException(off, "array of type 0x" + Integer.toHexString(baseType)
                        + " has size " + size + ", not a multiple of its element size");
            }
            for (int p = off; p < off + size; p += each) {
                items.add(renderScalar(b, p, each, baseType));
            }
        }
        return items.toArray(new String[0]);
    }

    private static void expectSize(int off, int size, int expected, int type) {
        if (size != expected) {
            throw new EvtxFormatException(off, "value of type 0x" + Integer.toHexString(type) + " has size " + size
                    + ", expected " + expected);
        }
    }

    /** Decodes {@code chars} UTF-16LE code units; with {@code trimNul}, trailing NULs are dropped. */
    String utf16(byte[] b, int off, int chars, boolean trimNul) {
        if (chars > scratch.length) {
            scratch = new char[Math.max(chars, scratch.length * 2)];
        }
        char[] c = scratch;
        for (int i = 0, p = off; i < chars; i++, p += 2) {
            c[i] = (char) ((b[p] & 0xff) | (b[p + 1] & 0xff) << 8);
        }
        int n = chars;
        if (trimNul) {
            while (n > 0 && c[n - 1] == 0) {
                n--;
            }
        }
        return new String(c, 0, n);
    }

    static String hex32(int v) {
        return "0x" + Integer.toHexString(v);
    }

    static String hex64(long v) {
        return "0x" + Long.toHexString(v);
    }

    static String hexBytes(byte[] b, int off, int size) {
        char[] c = new char[size * 2];
        for (int i = 0; i < size; i++) {
            int v = b[off + i] & 0xff;
            c[2 * i] = HEX[v >>> 4];
            c[2 * i + 1] = HEX[v & 0xf];
        }
        return new String(c);
    }

    static String guid(byte[] b, int off) {
        StringBuilder sb = new StringBuilder(38).append('{');
        hexLe(sb, b, off, 4);
        sb.append('-');
        hexLe(sb, b, off + 4, 2);
        sb.append('-');
        hexLe(sb, b, off + 6, 2);
        sb.append('-');
        hexBe(sb, b, off + 8, 2);
        sb.append('-');
        hexBe(sb, b, off + 10, 6);
        return sb.append('}').toString();
    }

    private static void hexLe(StringBuilder sb, byte[] b, int off, int n) {
        for (int i = n - 1; i >= 0; i--) {
            int v = b[off + i] & 0xff;
            sb.append(HEX[v >>> 4]).append(HEX[v & 0xf]);
        }
    }

    private static void hexBe(StringBuilder sb, byte[] b, int off, int n) {
        for (int i = 0; i < n; i++) {
            int v = b[off + i] & 0xff;
            sb.append(HEX[v >>> 4]).append(HEX[v & 0xf]);
        }
    }

    private static String sid(byte[] b, int off, int size) {
        if (size < 8) {
            throw new EvtxFormatException(off, "SID of " + size + " bytes, expected at least 8");
        }
        int revision = u8(b, off);
        int count = u8(b, off + 1);
        if (size < 8 + 4 * count) {
            throw new EvtxFormatException(off, "SID with " + count + " sub-authorities needs " + (8 + 4 * count)
                    + " bytes, has " + size);
        }
        long authority = 0;
        for (int i = 0; i < 6; i++) {
            authority = authority << 8 | (b[off + 2 + i] & 0xff);
        }
        StringBuilder sb = new StringBuilder(64).append("S-").append(revision).append('-');
        if (authority >= 1L << 32) {
            sb.append("0x").append(String.format("%012X", authority));
        } else {
            sb.append(authority);
        }
        for (int i = 0; i < count; i++) {
            sb.append('-').append(u32(b, off + 8 + 4 * i));
        }
        return sb.toString();
    }

    /** FILETIME (100-ns ticks since 1601) as ISO-8601 UTC with 7 fractional digits, as Windows writes it. */
    static String filetime(long ticks) {
        long unixTicks = ticks - FILETIME_EPOCH_DIFF;
        long seconds = Math.floorDiv(unixTicks, 10_000_000L);
        int fraction = (int) Math.floorMod(unixTicks, 10_000_000L);
        return IsoTime.format(seconds, fraction);
    }

    private static String systemtime(byte[] b, int off) {
        int year = u16(b, off);
        int month = u16(b, off + 2);
        int day = u16(b, off + 6);
        int hour = u16(b, off + 8);
        int minute = u16(b, off + 10);
        int second = u16(b, off + 12);
        int millis = u16(b, off + 14);
        return IsoTime.format(year, month, day, hour, minute, second, millis * 10_000);
    }

    private static String real(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String real(float v) {
        if (v == Math.rint(v) && !Float.isInfinite(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        return Float.toString(v);
    }
}
