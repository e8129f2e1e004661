package org.dotlink.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dotlink.core.Event;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonEventReader#parseRecord}: one record at a time gives exactly the event the file reader gives
 * for the same record, for every shape; what is not one JSON object is refused with a reason.
 */
class ParseRecordTest {

    @Test
    void everyShapeGivesTheSameEventAsTheFileReader() throws Exception {
        for (JsonShapesTest.Sample s : JsonShapesTest.SAMPLES) {
            Event one = JsonEventReader.parseRecord(s.json(), "topic-a", 41);
            assertEquals(s.expected(), JsonRead.fields(one), s.name());
            assertEquals("topic-a", one.source());
            assertEquals(41, one.offset());
            String line = JsonShapesTest.write(JsonShapesTest.Layout.NDJSON, List.of(s.json()));
            Event fromFile = JsonRead.read(line).events().get(0);
            assertEquals(fromFile.toMap(), one.toMap(), s.name());
        }
    }

    @Test
    void bytesAndTextAreTheSame() {
        String json = JsonShapesTest.NXLOG.json();
        assertEquals(JsonEventReader.parseRecord(json, "s", 0).toMap(),
                JsonEventReader.parseRecord(json.getBytes(StandardCharsets.UTF_8), "s", 0).toMap());
    }

    @Test
    void whitespaceAroundTheObjectIsFine() {
        Event e = JsonEventReader.parseRecord("  \n" + JsonShapesTest.NXLOG.json() + "\r\n ", "s", 0);
        assertFalse(e.toMap().isEmpty());
    }

    @Test
    void whatIsNotOneObjectIsRefusedWithAReason() {
        assertMessage("", "empty record");
        assertMessage("   ", "empty record");
        assertMessage("[{\"EventID\":1}]", "is an array, expected a JSON object");
        assertMessage("42", "is a number, expected a JSON object");
        assertMessage("{\"EventID\":1} {\"EventID\":2}", "more than one value");
        assertMessage("{\"EventID\":1", "not valid JSON");
        assertMessage("{\"EventID\":1,}", "not valid JSON at column");
    }

    /** The reader's state is per record: a failed record does not leak into the next. */
    @Test
    void aFailedRecordDoesNotAffectTheNext() {
        assertThrows(IllegalArgumentException.class,
                () -> JsonEventReader.parseRecord("{\"Channel\":\"Security\",\"EventID\":", "s", 0));
        Event e = JsonEventReader.parseRecord(JsonShapesTest.NXLOG.json(), "s", 1);
        assertEquals(JsonShapesTest.NXLOG.expected(), JsonRead.fields(e));
    }

    private static void assertMessage(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonEventReader.parseRecord(json, "s", 0));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
