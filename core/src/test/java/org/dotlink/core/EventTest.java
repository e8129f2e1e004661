package org.dotlink.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void canonicalAccessorsReadTheSystemFields() {
        Event e = Event.builder("logs/a.evtx").offset(4608)
                .add(FieldNames.EVENT_ID, "4688").add(FieldNames.EVENT_RECORD_ID, "12294")
                .add(FieldNames.COMPUTER, "DC01").add(FieldNames.CHANNEL, "Security")
                .add(FieldNames.TIME_CREATED, "2019-08-14T14:06:44.4956748Z")
                .add("NewProcessName", "C:\\Windows\\System32\\cmd.exe").build();
        assertEquals(4688, e.eventId());
        assertEquals(12294L, e.recordId());
        assertEquals("DC01", e.host());
        assertEquals("Security", e.channel());
        assertEquals("2019-08-14T14:06:44.4956748Z", e.time());
        assertEquals(4608L, e.offset());
        assertEquals("logs/a.evtx", e.source());
        assertEquals(Optional.of("C:\\Windows\\System32\\cmd.exe"), e.field("NewProcessName"));
        assertEquals(Optional.empty(), e.field("NoSuchField"));
        assertNull(e.raw("NeverSeenAnywhere"));
    }

    @Test
    void fieldTextAndFieldInternedReadWhatFieldReads() {
        Event e = Event.builder("x").add("Data", "a").add("Image", "C:\\x.exe").add("Data", "b").build();
        assertEquals("C:\\x.exe", e.fieldText(1));
        assertEquals("a, b", e.fieldText(0));
        assertThrows(IndexOutOfBoundsException.class, () -> e.fieldText(2));
        assertEquals("C:\\x.exe", e.fieldInterned(FieldNames.intern("Image")));
        assertEquals("a, b", e.fieldInterned(FieldNames.intern("Data")));
        assertNull(e.fieldInterned(FieldNames.intern("StillNoSuchField")));
        // by reference: a name that is not the canonical instance is not found
        assertNull(e.fieldInterned(new String("Image".toCharArray())));
    }

    @Test
    void missingOrNonNumericIdsAreMinusOne() {
        Event e = Event.builder("x").add(FieldNames.EVENT_ID, "abc").build();
        assertEquals(-1, e.eventId());
        assertEquals(-1L, e.recordId());
        assertEquals("", e.host());
    }

    @Test
    void repeatedNamesKeepEveryValueInOrder() {
        Event e = Event.builder("x").add("Data", "a").add("Other", "o").add("Data", "b").add("Data", "c").build();
        assertEquals(2, e.fieldCount());
        assertArrayEquals(new String[] {"a", "b", "c"}, (String[]) e.raw("Data"));
        assertEquals(List.of("a", "b", "c"), e.values("Data"));
        assertEquals(Optional.of("a, b, c"), e.field("Data"));
        assertEquals(List.of("o"), e.values("Other"));
    }

    @Test
    void manyDistinctNamesAndRepeatsPastTheScanLimit() {
        Event.Builder b = Event.builder("x");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 200; i++) {
                b.add("F" + i, round + ":" + i);
            }
        }
        Event e = b.build();
        assertEquals(200, e.fieldCount());
        for (int i = 0; i < 200; i++) {
            assertEquals("F" + i, e.fieldName(i));
            assertArrayEquals(new String[] {"0:" + i, "1:" + i, "2:" + i}, (String[]) e.fieldValue(i));
        }
    }

    @Test
    void aBuilderIsReusableAfterBuild() {
        Event.Builder b = Event.builder("x").offset(7).recovered(true);
        b.add("A", "1");
        Event first = b.build();
        b.add("B", "2");
        Event second = b.build();
        assertTrue(first.recovered());
        assertEquals(List.of("1"), first.values("A"));
        assertEquals(1, second.fieldCount());
        assertEquals(-1L, second.offset());
        assertEquals(List.of(), second.values("A"));
        assertEquals(List.of("2"), second.values("B"));
    }

    @Test
    void aBuilderSaysWhichFieldsItHolds() {
        Event.Builder b = Event.builder("x");
        String name = FieldNames.intern("EventID");
        assertFalse(b.has(name));
        b.add("EventID", "4624");
        assertTrue(b.has(name));
        b.build();
        assertFalse(b.has(name), "a built builder starts empty");
    }

    /** The log-cleared event 104 has a UserData element Channel naming the cleared log: the System one wins. */
    @Test
    void systemValuesComeFirstWhenUserDataRepeatsTheirNames() {
        Event e = Event.builder("t").add("EventID", "104").add("Channel", "System").add("Computer", "DC01")
                .add("SubjectUserName", "bob").add("Channel", "Security").build();
        assertEquals("System", e.channel());
        assertEquals(104, e.eventId());
        assertEquals(java.util.List.of("System", "Security"), e.values("Channel"));
    }
}
