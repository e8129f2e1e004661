package org.dotlink.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonValuesTest {

    @Test
    void keywordsFromNxlogSignedDecimalAndFromHex() {
        assertEquals("0x8000000000000000", JsonValues.keywords("-9223372036854775808"));
        assertEquals("0x8020000000000000", JsonValues.keywords("-9214364837600034816"));
        assertEquals("0x80000000000000", JsonValues.keywords("36028797018963968"));
        assertEquals("0x4000000000000000", JsonValues.keywords("4611686018427387904"));
        assertEquals("0x0", JsonValues.keywords("0"));
        // unsigned 64-bit written as such (beyond a signed long)
        assertEquals("0x8000000000000000", JsonValues.keywords("9223372036854775808"));
        assertEquals("0xffffffffffffffff", JsonValues.keywords("18446744073709551615"));
        assertNull(JsonValues.keywords("18446744073709551616"));
        assertEquals("0x8020000000000000", JsonValues.keywords("0x8020000000000000"));
        assertEquals("0x342ba", JsonValues.keywords("0x00000000000342BA"));
        assertEquals("0x0", JsonValues.keywords("0x0000000000000000"));
        assertNull(JsonValues.keywords("Audit Success"));
        assertNull(JsonValues.keywords("0xZZ"));
        assertNull(JsonValues.keywords(""));
    }

    @Test
    void guidsBecomeBracedUpperCase() {
        assertEquals("{54849625-5478-4994-A5BA-3E3B0328C30D}", JsonValues.guid("{54849625-5478-4994-a5ba-3e3b0328c30d}"));
        assertEquals("{54849625-5478-4994-A5BA-3E3B0328C30D}", JsonValues.guid("54849625-5478-4994-A5BA-3E3B0328C30D"));
        assertNull(JsonValues.guid("{54849625-5478-4994-A5BA-3E3B0328C30D"));
        assertNull(JsonValues.guid("54849625x5478-4994-A5BA-3E3B0328C30D"));
        assertNull(JsonValues.guid("not a guid"));
    }

    @Test
    void evtxDumpGuidsGetTheirBracesBackOnlyWhenUpperCase() {
        assertEquals("{0197231E-005A-6928-A50B-000000000D00}", JsonValues.evtxDumpGuid("0197231E-005A-6928-A50B-000000000D00"));
        // a lower-case bare GUID is a string value evtx_dump printed as it was
        assertEquals("0197231e-005a-6928-a50b-000000000d00", JsonValues.evtxDumpGuid("0197231e-005a-6928-a50b-000000000d00"));
        assertEquals("{00000000-0000-0000-0000-000000000000}", JsonValues.evtxDumpGuid("{00000000-0000-0000-0000-000000000000}"));
        assertEquals("C:\\Windows", JsonValues.evtxDumpGuid("C:\\Windows"));
    }

    @Test
    void timesBecomeUtcWithSevenFractionalDigits() {
        JsonValues.Time t = new JsonValues.Time();
        assertEquals("2019-05-18T20:36:46.2540000Z", JsonValues.isoTime("2019-05-18T20:36:46.254Z", t));
        assertEquals("2025-11-27T07:40:10.1653240Z", JsonValues.isoTime("2025-11-27T07:40:10.165324Z", t));
        assertEquals("2019-08-14T14:06:44.4956748Z", JsonValues.isoTime("2019-08-14T14:06:44.495674800Z", t));
        assertEquals("2019-08-14T14:06:44.4956748Z", JsonValues.isoTime("2019-08-14T14:06:44.495674899Z", t), "cut, not rounded");
        assertEquals("2019-08-14T14:06:44.0000000Z", JsonValues.isoTime("2019-08-14T14:06:44Z", t));
        assertEquals("2020-09-21T23:26:05.0000000Z", JsonValues.isoTime("2020-09-21T19:26:05-04:00", t));
        assertEquals("2020-09-21T23:26:05.1230000Z", JsonValues.isoTime("2020-09-22T01:26:05.123+0200", t));
        assertEquals("2021-01-01T00:30:00.0000000Z", JsonValues.isoTime("2020-12-31T23:30:00-01", t));
        // no zone: read as UTC (and said so by the holder)
        assertEquals("2020-10-18T10:56:18.7980000Z", JsonValues.isoTime("2020-10-18 10:56:18.798", t));
        assertFalse(t.zoned);
        assertTrue(t.parse("2020-10-18T10:56:18Z") && t.zoned);
        assertNull(JsonValues.isoTime("2020-02-30T00:00:00Z", t));
        assertNull(JsonValues.isoTime("2020-10-18T25:00:00Z", t));
        assertNull(JsonValues.isoTime("yesterday", t));
        assertNull(JsonValues.isoTime("2020-10-18T10:56:18.Z", t));
        assertNull(JsonValues.isoTime("2020-10-18T10:56:18Zjunk", t));
        assertEquals("2024-02-29T00:00:00.0000000Z", JsonValues.isoTime("2024-02-29T00:00:00Z", t));
        assertEquals("1601-01-01T00:00:00.0000000Z", JsonValues.isoTime("1601-01-01T00:00:00Z", t));
    }

    @Test
    void integralIsDigitsOnly() {
        assertTrue(JsonValues.isIntegral("4624"));
        assertTrue(JsonValues.isIntegral("-1"));
        assertFalse(JsonValues.isIntegral("Info"));
        assertFalse(JsonValues.isIntegral(""));
        assertFalse(JsonValues.isIntegral("-"));
        assertFalse(JsonValues.isIntegral("4.0"));
    }
}
