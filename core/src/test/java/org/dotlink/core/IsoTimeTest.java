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

    /** The microseconds fast path agrees with Instant.parse, for fractions of 0 to 9 digits, from 1601 to 9999. */
    @Property(tries = 5000)
    void microsAgreeWithInstantParse(@ForAll @LongRange(min = -11_644_473_600L, max = 253_402_300_799L) long seconds,
                                     @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                     @ForAll @IntRange(min = 0, max = 9) int digits) {
        String whole = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(seconds));
        String fraction = digits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, digits);
        String iso = whole + fraction + "Z";
        Instant t = Instant.parse(iso);
        assertEquals(t.getEpochSecond() * 1_000_000L + t.getNano() / 1000, IsoTime.toEpochMicros(iso), iso);
    }

    /** What the fast path does not read is left to Instant.parse (other offsets, leap seconds) or refused. */
    @org.junit.jupiter.api.Test
    void microsRefuseWhatIsNotTheEventForm() {
        for (String s : new String[] {"2021-03-03T10:00:01+01:00", "2021-03-03T10:00:01.Z", "2021-03-03T10:00:01",
                "2016-12-31T23:59:60Z", "2021-02-29T10:00:01Z", "2021-03-03T10:00:01.1234567890Z", "2021-03-03 10:00:01Z",
                "2021-03-03T10:00:01.12a4Z", ""}) {
            assertEquals(Long.MIN_VALUE, IsoTime.toEpochMicros(s), s);
        }
        assertEquals(Long.MIN_VALUE, IsoTime.toEpochMicros(null));
    }
}
