package org.dotlink.ingest.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class NormalizeTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void hexIntDropsPaddingAndLowersCase() {
        assertEquals("0x342ba", Normalize.hexInt("0x00000000000342ba"));
        assertEquals("0x3e7", Normalize.hexInt("0x000003E7"));
        assertEquals("0x8000000000000000", Normalize.hexInt("0x8000000000000000"));
        assertEquals("0x0", Normalize.hexInt("0x00000000"));
        assertEquals("0x0", Normalize.hexInt("0x0"));
        assertEquals("0xc0000022", Normalize.hexInt("0XC0000022"));
    }

    @Test
    void hexIntLeavesOtherValuesAlone() {
        assertEquals("342ba", Normalize.hexInt("342ba"));
        assertEquals("0x", Normalize.hexInt("0x"));
        assertEquals("0x12g", Normalize.hexInt("0x12g"));
        assertEquals(" 0x0001", Normalize.hexInt(" 0x0001"));
        assertEquals("", Normalize.hexInt(""));
    }

    @Test
    void guidGetsBracesAndUpperCase() {
        assertEquals("{5770385F-C22A-43E0-BF4C-06F5698FFBD9}", Normalize.guid("5770385F-C22A-43E0-BF4C-06F5698FFBD9"));
        assertEquals("{5770385F-C22A-43E0-BF4C-06F5698FFBD9}", Normalize.guid("{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"));
        assertEquals("{5770385F-C22A-43E0-BF4C-06F5698FFBD9}", Normalize.guid("{5770385F-C22A-43E0-BF4C-06F5698FFBD9}"));
    }

    @Test
    void guidLeavesOtherValuesAlone() {
        assertEquals("{5770385F-C22A-43E0-BF4C-06F5698FFBD9", Normalize.guid("{5770385F-C22A-43E0-BF4C-06F5698FFBD9"));
        assertEquals("5770385F-C22A-43E0-BF4C-06F5698FFBD9}", Normalize.guid("5770385F-C22A-43E0-BF4C-06F5698FFBD9}"));
        assertEquals("5770385F-C22A-43E0-BF4C-06F5698FFBD", Normalize.guid("5770385F-C22A-43E0-BF4C-06F5698FFBD"));
        assertEquals("5770385FC22A43E0BF4C06F5698FFBD9", Normalize.guid("5770385FC22A43E0BF4C06F5698FFBD9"));
        assertEquals("", Normalize.guid(""));
    }

    @Test
    void isoTimeGivesSevenFractionalDigits() {
        assertEquals("2019-08-14T14:06:44.4956748Z", Normalize.isoTime("2019-08-14T14:06:44.495674800Z"));
        assertEquals("2019-08-14T14:06:44.4956748Z", Normalize.isoTime("2019-08-14T14:06:44.4956748Z"));
        assertEquals("2019-08-14T14:06:44.4950000Z", Normalize.isoTime("2019-08-14T14:06:44.495Z"));
        assertEquals("2019-08-14T14:06:44.0000000Z", Normalize.isoTime("2019-08-14T14:06:44Z"));
    }

    @Test
    void isoTimeKeepsWhatCannotBeAFiletime() {
        // non-zero digits past the 7th: not 100-ns precision, so not converted (and will not match ours)
        assertEquals("2019-08-14T14:06:44.495674812Z", Normalize.isoTime("2019-08-14T14:06:44.495674812Z"));
        assertEquals("2019-08-14 14:06:44.495", Normalize.isoTime("2019-08-14 14:06:44.495"));
        assertEquals("2019-08-14T14:06:44.4956748", Normalize.isoTime("2019-08-14T14:06:44.4956748"));
        assertEquals("2019-08-14T14:06:44.4956748+00:00", Normalize.isoTime("2019-08-14T14:06:44.4956748+00:00"));
    }

    @Test
    void isoTimeMicrosTruncatesToSixDigits() {
        assertEquals("2025-12-06T21:11:02.649150Z", Normalize.isoTimeMicros("2025-12-06T21:11:02.6491508Z"));
        assertEquals("2025-12-06T21:11:02.649150Z", Normalize.isoTimeMicros("2025-12-06T21:11:02.649150Z"));
        assertEquals("2025-12-06T21:11:02.649150Z", Normalize.isoTimeMicros("2025-12-06T21:11:02.649150800Z"));
        assertEquals("2025-12-06T21:11:02.640000Z", Normalize.isoTimeMicros("2025-12-06T21:11:02.64Z"));
        assertEquals("2025-12-06 21:11:02.649", Normalize.isoTimeMicros("2025-12-06 21:11:02.649"));
    }

    @Test
    void cRealReadsThreeDigitExponents() {
        assertEquals("3199.234", Normalize.cReal("3.199234e+003"));
        assertEquals("-0.0125", Normalize.cReal("-1.250000e-002"));
        assertEquals("1", Normalize.cReal("1.000000e+000"));
        assertEquals("0", Normalize.cReal("0.000000e+000"));
        assertEquals("123456700", Normalize.cReal("1.234567e+008"));
    }

    @Test
    void cRealLeavesOtherValuesAlone() {
        assertEquals("3199.234", Normalize.cReal("3199.234"));
        assertEquals("3.199234E3", Normalize.cReal("3.199234E3"));
        assertEquals("e+003", Normalize.cReal("e+003"));
        assertEquals("version 1.2e+003", Normalize.cReal("version 1.2e+003"));
    }

    @Test
    void significantRoundsToDigits() {
        assertEquals("3199.234", Normalize.significant("3199.234", 7));
        assertEquals("3199.234", Normalize.significant("3199.2341", 7));
        assertEquals("3199.235", Normalize.significant("3199.2346", 7));
        assertEquals("0.00001", Normalize.significant("1.0E-5", 7));
        assertEquals("1", Normalize.significant("1", 7));
        assertEquals("0", Normalize.significant("0.0", 7));
        assertEquals("abc", Normalize.significant("abc", 7));
        assertEquals("0x10", Normalize.significant("0x10", 7));
    }

    @Test
    void lineFeedsOnlyAsEmpty() {
        assertEquals("", Normalize.lineFeedsOnlyAsEmpty("\n"));
        assertEquals("", Normalize.lineFeedsOnlyAsEmpty("\n\n"));
        assertEquals("", Normalize.lineFeedsOnlyAsEmpty(""));
        assertEquals("\r\n", Normalize.lineFeedsOnlyAsEmpty("\r\n"));
        assertEquals(" \n", Normalize.lineFeedsOnlyAsEmpty(" \n"));
        assertEquals("a\n", Normalize.lineFeedsOnlyAsEmpty("a\n"));
        assertEquals("\r", Normalize.lineFeedsOnlyAsEmpty("\r"));
    }

    @Test
    void trimTrailingSpacesDropsOnlySpacesAtTheEnd() {
        assertEquals("Advapi", Normalize.trimTrailingSpaces("Advapi  "));
        assertEquals("\"C:\\Windows\\system32\\cmd.exe\"", Normalize.trimTrailingSpaces("\"C:\\Windows\\system32\\cmd.exe\" "));
        assertEquals("  lead", Normalize.trimTrailingSpaces("  lead"));
        assertEquals("tab\t", Normalize.trimTrailingSpaces("tab\t"));
        assertEquals("line\r\n", Normalize.trimTrailingSpaces("line\r\n"));
        assertEquals("", Normalize.trimTrailingSpaces("   "));
    }

    @Test
    void jsonScalarWritesNumbersBooleansAndNullAsXmlText() throws Exception {
        assertEquals("4460", Normalize.jsonScalar(JSON.numberNode(4460)));
        assertEquals("-1", Normalize.jsonScalar(JSON.numberNode(-1L)));
        assertEquals("18446744073709551615",
                Normalize.jsonScalar(JSON.numberNode(new BigInteger("18446744073709551615"))));
        assertEquals("3199.234", Normalize.jsonScalar(JSON.numberNode(new BigDecimal("3199.2340"))));
        assertEquals("true", Normalize.jsonScalar(JSON.booleanNode(true)));
        assertEquals("false", Normalize.jsonScalar(JSON.booleanNode(false)));
        assertEquals("", Normalize.jsonScalar(JSON.nullNode()));
        assertEquals("0x8000000000000000", Normalize.jsonScalar(JSON.textNode("0x8000000000000000")));
        assertEquals("", Normalize.jsonScalar(JSON.textNode("")));
        JsonNode parsed = new ObjectMapper().readTree("{\"EventRecordID\": 571146, \"Big\": 18446744073709551615}");
        assertEquals("571146", Normalize.jsonScalar(parsed.get("EventRecordID")));
        assertEquals("18446744073709551615", Normalize.jsonScalar(parsed.get("Big")));
    }

    @Test
    void jsonScalarRefusesContainers() {
        assertThrows(IllegalArgumentException.class, () -> Normalize.jsonScalar(JSON.objectNode()));
        assertThrows(IllegalArgumentException.class, () -> Normalize.jsonScalar(JSON.arrayNode()));
    }
}
