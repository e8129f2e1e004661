package org.dotlink.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UtcTimeTest {

    private static long micros(String iso) {
        Instant t = Instant.parse(iso);
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    @Test
    void windowsTimesAndOtherIsoFormsBecomeMicroseconds() {
        assertEquals(micros("2019-08-14T14:06:44.495674Z"), UtcTime.micros("2019-08-14T14:06:44.4956748Z"));
        assertEquals(micros("2019-08-14T14:06:44Z"), UtcTime.micros("2019-08-14T14:06:44Z"));
        assertEquals(micros("2019-08-14T14:06:44.100Z"), UtcTime.micros("2019-08-14T14:06:44.1Z"));
        assertEquals(micros("2019-08-14T14:06:44.123456Z"), UtcTime.micros("2019-08-14T14:06:44.123456789Z"));
        assertEquals(micros("1969-12-31T23:59:59.5Z"), UtcTime.micros("1969-12-31T23:59:59.5000000Z"));
        assertEquals(micros("2020-02-29T00:00:00Z"), UtcTime.micros("2020-02-29T00:00:00.0000000Z"));
        assertEquals(micros("2019-08-14T12:06:44.5Z"), UtcTime.micros("2019-08-14T14:06:44.5+02:00"));
        assertEquals(micros("2019-08-14T14:06:44.5Z"), UtcTime.micros("2019-08-14T14:06:44.5"));
    }

    @Test
    void absentOrUnreadableTimesAreNone() {
        for (String s : new String[] {null, "", "yesterday", "2019-02-29T00:00:00Z", "2019-08-14T24:00:00Z",
                "2019-08-14T14:06:44.12345678901Z", "2019-08-14 14:06:44Z",
                "2019-08-14T14:06:4xZ", "+999999999-12-31T23:59:59Z"}) {
            assertEquals(UtcTime.NONE, UtcTime.micros(s), s);
        }
    }
}
