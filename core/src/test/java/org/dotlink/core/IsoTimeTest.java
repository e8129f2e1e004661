package org.dotlink.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class IsoTimeTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The hand-written calendar arithmetic agrees with java.time from 1601 (FILETIME's epoch) to 9999. */
    @Property(tries = 5000)
    void agreesWithJavaTime(@ForAll @LongRange(min = -11_644_473_600L, max = 253_402_300_799L) long seconds,
                            @ForAll @IntRange(min = 0, max = 9_999_999) int fraction) {
        String expected = REFERENCE.format(Instant.ofEpochSecond(seconds, fraction * 100L));
        assertEquals(expected, IsoTime.format(seconds, fraction));
    }
}
