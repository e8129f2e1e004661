package org.dotlink.ingest.evtx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each value type rendered as Windows renders it in event XML, from bytes written here. */
class ValueRendererTest {

    private final ValueRenderer r = new ValueRenderer();

    private static byte[] le(int size, java.util.function.Consumer<ByteBuffer> fill) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        return b.array();
    }

    private Object render(byte[] bytes, int type) {
        return r.render(bytes, 0, bytes.length, type);
    }

    @Test
    void integers() {
        assertEquals("-1", render(new byte[] {(byte) 0xff}, ValueType.INT8));
        assertEquals("255", render(new byte[] {(byte) 0xff}, ValueType.UINT8));
        assertEquals("-2", render(le(2, b -> b.putShort((short) -2)), ValueType.INT16));
        assertEquals("65534", render(le(2, b -> b.putShort((short) -2)), ValueType.UINT16));
        assertEquals("-3", render(le(4, b -> b.putInt(-3)), ValueType.INT32));
        assertEquals("4294967293", render(le(4, b -> b.putInt(-3)), ValueType.UINT32));
        assertEquals("-4", render(le(8, b -> b.putLong(-4)), ValueType.INT64));
        assertEquals("18446744073709551612", render(le(8, b -> b.putLong(-4)), ValueType.UINT64));
    }

    @Test
    void hexIntegersAreLowercaseWithoutLeadingZeros() {
        assertEquals("0x3e7", render(le(4, b -> b.putInt(0x3e7)), ValueType.HEX_INT32));
        assertEquals("0x8020000000000000", render(le(8, b -> b.putLong(0x8020000000000000L)), ValueType.HEX_INT64));
        assertEquals("0x0", render(le(8, b -> b.putLong(0)), ValueType.HEX_INT64));
        assertEquals("0x14c8", render(le(8, b -> b.putLong(0x14c8)), ValueType.SIZE_T));
        assertEquals("0x14c8", render(le(4, b -> b.putInt(0x14c8)), ValueType.SIZE_T));
    }

    @Test
    void guidIsBracedUppercaseWithMixedEndianGroups() {
        byte[] g = {0x25, (byte) 0x96, (byte) 0x84, 0x54, 0x78, 0x54, (byte) 0x94, 0x49,
                (byte) 0xA5, (byte) 0xBA, 0x3E, 0x3B, 0x03, 0x28, (byte) 0xC3, 0x0D};
        assertEquals("{54849625-5478-4994-A5BA-3E3B0328C30D}", render(g, ValueType.GUID));
    }

    @Test
    void sids() {
        byte[] system = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};
        assertEquals("S-1-5-18", render(system, ValueType.SID));
        byte[] domain = le(24, b -> {
            b.put((byte) 1).put((byte) 4).put(new byte[] {0, 0, 0, 0, 0, 5});
            b.putInt(21).putInt(-833359694).putInt(198835165).putInt(1000);
        });
        assertEquals("S-1-5-21-3461607602-198835165-1000", render(domain, ValueType.SID));
        assertThrows(EvtxFormatException.class, () -> render(new byte[] {1, 3, 0, 0, 0, 0, 0, 5}, ValueType.SID));
    }

    @Test
    void filetimeAndSystemtimeAreIsoUtcWithSevenDigits() {
        // 2019-08-14T14:06:44.4956748Z as 100-ns ticks since 1601.
        long ticks = (1565791604L * 10_000_000L) + 4_956_748L + 116_444_736_000_000_000L;
        assertEquals("2019-08-14T14:06:44.4956748Z", render(le(8, b -> b.putLong(ticks)), ValueType.FILETIME));
        assertEquals("1601-01-01T00:00:00.0000000Z", render(new byte[8], ValueType.FILETIME));
        byte[] st = le(16, b -> b.putShort((short) 2021).putShort((short) 3).putShort((short) 2).putShort((short) 2)
                .putShort((short) 23).putShort((short) 59).putShort((short) 1).putShort((short) 7));
        assertEquals("2021-03-02T23:59:01.0070000Z", render(st, ValueType.SYSTEMTIME));
    }

    @Test
    void stringsDropTrailingNuls() {
        byte[] s = "cmd.exe\0".getBytes(StandardCharsets.UTF_16LE);
        assertEquals("cmd.exe", render(s, ValueType.STRING));
        assertEquals("café", render("café\0".getBytes(java.nio.charset.Charset.forName("windows-1252")),
                ValueType.ANSI_STRING));
    }

    @Test
    void binaryBoolAndNull() {
        assertEquals("00FF10", render(new byte[] {0, (byte) 0xff, 0x10}, ValueType.BINARY));
        assertEquals("true", render(le(4, b -> b.putInt(1)), ValueType.BOOL));
        assertEquals("false", render(le(4, b -> b.putInt(0)), ValueType.BOOL));
        assertEquals("", render(new byte[0], ValueType.NULL));
    }

    @Test
    void arraysGiveOneValueEach() {
        byte[] strings = "a\0bc\0\0".getBytes(StandardCharsets.UTF_16LE);
        assertArrayEquals(new String[] {"a", "bc", ""}, (String[]) render(strings, ValueType.STRING | ValueType.ARRAY));
        byte[] ints = le(8, b -> b.putInt(7).putInt(-1));
        assertArrayEquals(new String[] {"7", "4294967295"}, (String[]) render(ints, ValueType.UINT32 | ValueType.ARRAY));
        byte[] hex = le(8, b -> b.putInt(255).putInt(16));
        assertArrayEquals(new String[] {"0xff", "0x10"}, (String[]) render(hex, ValueType.HEX_INT32 | ValueType.ARRAY));
    }

    @Test
    void sizesThatDoNotFitTheTypeAreFormatErrors() {
        assertThrows(EvtxFormatException.class, () -> render(new byte[3], ValueType.INT32));
        assertThrows(EvtxFormatException.class, () -> render(new byte[5], ValueType.UINT32 | ValueType.ARRAY));
        assertThrows(EvtxFormatException.class, () -> render(new byte[4], 0x7f));
    }
}
