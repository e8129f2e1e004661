package org.dotlink.cli.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The scenario's calendar: three weeks from Monday 2021-03-01 00:00 UTC, in epoch milliseconds. The
 * operator works in Western Indonesia Time (UTC+7): office hours 08:00-17:30 local are 01:00-10:30 UTC.
 * Times are scheduled in UTC; the workstations' NXLog agents write local time.
 */
final class ScenarioTime {

    static final long SECOND = 1000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    /** 2021-03-01T00:00:00Z, a Monday. */
    static final long START = Instant.parse("2021-03-01T00:00:00Z").toEpochMilli();
    static final int DAYS = 21;
    static final long END = START + DAYS * DAY;

    /**
     * Wednesday 2021-03-10, when the month's updates are installed: workstations restart in the evening,
     * the Exchange servers get the security update against ProxyLogon (KB5000871) and restart.
     */
    static final int PATCH_DAY = 9;

    /** The operator's local time: UTC+7. */
    static final ZoneOffset LOCAL = ZoneOffset.ofHours(7);

    private static final DateTimeFormatter SYSMON_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(LOCAL);
    private static final DateTimeFormatter W3C_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter W3C_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter IIS_FILE = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

    private ScenarioTime() {}

    /** UTC time of day {@code hour:minute} on scenario day {@code day} (0 = 2021-03-01). */
    static long at(int day, int hour, int minute) {
        return START + day * DAY + hour * HOUR + minute * MINUTE;
    }

    static long dayStart(int day) {
        return START + day * DAY;
    }

    /** Monday to Friday (office hours fall on the same date in UTC and in local time). */
    static boolean isWorkday(int day) {
        int dow = LocalDate.of(2021, 3, 1).plusDays(day).getDayOfWeek().getValue();
        return dow <= 5;
    }

    /** Sysmon's {@code UtcTime}: {@code 2021-03-03 18:40:01.123}. */
    static String sysmonUtc(long ms) {
        return SYSMON_UTC.format(Instant.ofEpochMilli(ms));
    }

    /** ISO-8601 UTC with milliseconds, as Winlogbeat and Logstash write {@code @timestamp}. */
    static String isoMillis(long ms) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(ms));
    }

    /** Local time to the second, as NXLog writes {@code EventTime}. */
    static String localSeconds(long ms) {
        return LOCAL_SECONDS.format(Instant.ofEpochMilli(ms));
    }

    static String w3cDate(long ms) {
        return W3C_DATE.format(Instant.ofEpochMilli(ms));
    }

    static String w3cTime(long ms) {
        return W3C_TIME.format(Instant.ofEpochMilli(ms));
    }

    /** IIS's daily log name: {@code u_ex210303.log}. */
    static String iisFileName(long ms) {
        return "u_ex" + IIS_FILE.format(Instant.ofEpochMilli(ms)) + ".log";
    }
}
