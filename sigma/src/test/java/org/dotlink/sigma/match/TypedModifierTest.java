package org.dotlink.sigma.match;

import static org.dotlink.sigma.match.Events.ev;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** re (with i/m/s), cidr, lt/lte/gt/gte, time parts, exists, fieldref. */
class TypedModifierTest {

    private static boolean m(String key, Object value, String... event) {
        return FieldMatcher.compile(key, value).matches(ev(event));
    }

    @Test
    void reSearchesAnywhereAndIsCaseSensitiveByDefault() {
        assertTrue(m("Image|re", "\\\\cmd\\.exe$", "Image", "C:\\Windows\\cmd.exe"));
        assertFalse(m("Image|re", "\\\\cmd\\.exe$", "Image", "C:\\Windows\\CMD.EXE"));
        assertFalse(m("Image|re", "\\\\cmd\\.exe$", "Image", "C:\\Windows\\cmd.exe.bak"));
        assertTrue(m("CommandLine|re", "-[eE][ncodema]{0,12} ", "CommandLine", "powershell -enc AAA"));
    }

    @Test
    void reI() {
        assertTrue(m("Image|re|i", "\\\\cmd\\.exe$", "Image", "C:\\Windows\\CMD.EXE"));
        assertFalse(m("Image|re|i", "\\\\cmd\\.exe$", "Image", "C:\\Windows\\pwsh.exe"));
    }

    @Test
    void reM() {
        String text = "first\nsecond line\nthird";
        assertFalse(m("F|re", "^second line$", "F", text));
        assertTrue(m("F|re|m", "^second line$", "F", text));
    }

    @Test
    void reS() {
        String text = "begin\nend";
        assertFalse(m("F|re", "begin.end", "F", text));
        assertTrue(m("F|re|s", "begin.end", "F", text));
    }

    @Test
    void reListIsOrAndAllIsAnd() {
        assertTrue(m("F|re", List.of("^a", "z$"), "F", "xyz"));
        assertFalse(m("F|re|all", List.of("^a", "z$"), "F", "xyz"));
        assertTrue(m("F|re|all", List.of("^a", "z$"), "F", "abcz"));
        // unanchored lists run as one automaton over their alternation: each value keeps its own flags
        List<String> scoped = List.of("(?i)abc", "xyz", "\\d{3}-");
        assertTrue(m("F|re", scoped, "F", "__ABC__"));
        assertFalse(m("F|re", scoped, "F", "__XYZ__"), "(?i) of the first value does not reach the second");
        assertTrue(m("F|re", scoped, "F", "__xyz__"));
        assertTrue(m("F|re", scoped, "F", "id 123-4"));
        assertFalse(m("F|re", scoped, "F", "id 12-4"));
        assertTrue(m("F|re", scoped, "F", "x", "F", "abc"), "any value of a multi-valued field");
    }

    @Test
    void reDoesNotBacktrackExponentially() {
        String value = "a".repeat(40) + "!";
        long t0 = System.nanoTime();
        assertFalse(m("F|re", "^(a+)+$", "F", value));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "RE2/J runs in linear time");
    }

    @Test
    void cidrV4() {
        assertTrue(m("DestinationIp|cidr", "10.0.0.0/8", "DestinationIp", "10.1.2.3"));
        assertFalse(m("DestinationIp|cidr", "10.0.0.0/8", "DestinationIp", "11.0.0.1"));
        assertTrue(m("DestinationIp|cidr", "172.16.0.0/12", "DestinationIp", "172.31.255.255"));
        assertFalse(m("DestinationIp|cidr", "172.16.0.0/12", "DestinationIp", "172.32.0.0"));
        assertFalse(m("DestinationIp|cidr", "172.16.0.0/12", "DestinationIp", "172.15.255.255"));
        assertTrue(m("DestinationIp|cidr", "192.168.1.7/32", "DestinationIp", "192.168.1.7"));
        assertFalse(m("DestinationIp|cidr", "192.168.1.7/32", "DestinationIp", "192.168.1.8"));
        assertFalse(m("DestinationIp|cidr", "10.0.0.0/8", "DestinationIp", "not-an-ip"));
        assertFalse(m("DestinationIp|cidr", "10.0.0.0/8", "DestinationIp", "10.1.2"));
        assertFalse(m("DestinationIp|cidr", "10.0.0.0/8", "DestinationIp", "10.1.2.300"));
        assertTrue(m("DestinationIp|cidr", "10.1.2.3/8", "DestinationIp", "10.200.0.1"), "host bits in the rule are ignored");
    }

    @Test
    void cidrV6() {
        assertTrue(m("Ip|cidr", "fe80::/10", "Ip", "fe80::1"));
        assertTrue(m("Ip|cidr", "fe80::/10", "Ip", "FEBF:0:0:0:0:0:0:1"));
        assertFalse(m("Ip|cidr", "fe80::/10", "Ip", "fec0::1"));
        assertTrue(m("Ip|cidr", "2001:db8::/32", "Ip", "2001:db8:1::5"));
        assertFalse(m("Ip|cidr", "2001:db8::/32", "Ip", "2001:db9::1"));
        assertTrue(m("Ip|cidr", "::1/128", "Ip", "0:0:0:0:0:0:0:1"));
        assertFalse(m("Ip|cidr", "::1/128", "Ip", "::2"));
        assertFalse(m("Ip|cidr", "2001:db8::/32", "Ip", "10.0.0.1"), "v4 address is not in a v6 network");
        assertFalse(m("Ip|cidr", "10.0.0.0/8", "Ip", "2001:db8::1"), "v6 address is not in a v4 network");
        assertTrue(m("Ip|cidr", "10.0.0.0/8", "Ip", "::ffff:10.9.8.7"), "v4-mapped v6 address");
        assertFalse(m("Ip|cidr", "2001:db8::/32", "Ip", "2001:db8::1::2"));
    }

    @Test
    void cidrListAndNeq() {
        List<String> privateNets = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");
        assertTrue(m("Ip|cidr", privateNets, "Ip", "192.168.5.5"));
        assertTrue(m("Ip|cidr", privateNets, "Ip", "fd12::1"));
        assertFalse(m("Ip|cidr", privateNets, "Ip", "8.8.8.8"));
        assertTrue(m("Ip|cidr|neq", privateNets, "Ip", "8.8.8.8"));
        assertFalse(m("Ip|cidr|neq", privateNets, "Ip", "10.0.0.1"));
        assertFalse(m("Ip|cidr", privateNets, "Ip", "-"));
        List<String> nested = List.of("10.0.0.0/8", "10.1.0.0/16");
        assertTrue(m("Ip|cidr|all", nested, "Ip", "10.1.2.3"));
        assertFalse(m("Ip|cidr|all", nested, "Ip", "10.2.0.1"));
    }

    @Test
    void numericComparisons() {
        assertTrue(m("Count|lt", 10, "Count", "9"));
        assertFalse(m("Count|lt", 10, "Count", "10"));
        assertTrue(m("Count|lte", 10, "Count", "10"));
        assertFalse(m("Count|lte", 10, "Count", "11"));
        assertTrue(m("Count|gt", 10, "Count", "11"));
        assertFalse(m("Count|gt", 10, "Count", "10"));
        assertTrue(m("Count|gte", 10, "Count", "10"));
        assertFalse(m("Count|gte", 10, "Count", "9"));
        assertTrue(m("Count|gt", -5, "Count", "-4"));
        assertFalse(m("Count|gt", -5, "Count", "-6"));
    }

    @Test
    void numericComparisonsWithDecimalsHugeValuesAndText() {
        assertTrue(m("Size|gt", 1, "Size", "1.5"));
        assertFalse(m("Size|gt", 1.5, "Size", "1.5"));
        assertTrue(m("Size|gte", "2.25", "Size", "2.250"), "a numeric string value is accepted");
        assertTrue(m("Size|gt", 9_000_000_000L, "Size", "123456789012345678901234567890"));
        assertFalse(m("Size|lt", 9_000_000_000L, "Size", "123456789012345678901234567890"));
        assertFalse(m("Size|gt", 1, "Size", "many"), "non-numeric event value never compares");
        assertFalse(m("Size|gt", 1, "Other", "5"));
        assertTrue(m("Size|gt", 100, "Size", "5", "Size", "500"), "any value of a multi-valued field");
    }

    @Test
    void timeParts() {
        String t = "2024-03-05T14:07:09.1234567Z";
        assertTrue(m("UtcTime|hour", 14, "UtcTime", t));
        assertFalse(m("UtcTime|hour", 13, "UtcTime", t));
        assertTrue(m("UtcTime|minute", 7, "UtcTime", t));
        assertFalse(m("UtcTime|minute", 8, "UtcTime", t));
        assertTrue(m("UtcTime|day", 5, "UtcTime", t));
        assertFalse(m("UtcTime|day", 3, "UtcTime", t));
        assertTrue(m("UtcTime|month", 3, "UtcTime", t));
        assertFalse(m("UtcTime|month", 5, "UtcTime", t));
        assertTrue(m("UtcTime|year", 2024, "UtcTime", t));
        assertFalse(m("UtcTime|year", 2023, "UtcTime", t));
        assertTrue(m("UtcTime|week", 10, "UtcTime", t), "ISO week of 2024-03-05");
        assertFalse(m("UtcTime|week", 9, "UtcTime", t));
        assertTrue(m("UtcTime|hour", 23, "UtcTime", "2024-03-05 23:59:59.999"), "space separator");
    }

    @Test
    void timePartsWithComparisonsListsAndNeq() {
        assertTrue(m("UtcTime|hour|gte", 22, "UtcTime", "2024-03-05T23:10:00Z"));
        assertFalse(m("UtcTime|hour|gte", 22, "UtcTime", "2024-03-05T21:10:00Z"));
        assertTrue(m("UtcTime|hour|lt", 6, "UtcTime", "2024-03-05T05:59:00Z"));
        assertTrue(m("UtcTime|day", List.of(6, 7), "UtcTime", "2024-03-07T00:00:00Z"));
        assertTrue(m("UtcTime|month|neq", 3, "UtcTime", "2024-04-01T00:00:00Z"));
        assertFalse(m("UtcTime|month|neq", 3, "UtcTime", "2024-03-01T00:00:00Z"));
        assertFalse(m("UtcTime|hour", 0, "UtcTime", "yesterday"), "not a date");
        assertFalse(m("UtcTime|hour", 0, "UtcTime", "2024-03-05"), "no time of day");
        assertTrue(m("UtcTime|year", 2024, "UtcTime", "2024-03-05"));
    }

    @Test
    void exists() {
        assertTrue(m("PasswordLastSet|exists", true, "PasswordLastSet", ""));
        assertFalse(m("PasswordLastSet|exists", true, "Other", "x"));
        assertTrue(m("PasswordLastSet|exists", false, "Other", "x"));
        assertFalse(m("PasswordLastSet|exists", false, "PasswordLastSet", "2024"));
    }

    @Test
    void fieldrefComparesTwoFieldsOfTheSameEvent() {
        assertTrue(m("TargetUserName|fieldref", "SubjectUserName", "TargetUserName", "Bob", "SubjectUserName", "bob"));
        assertFalse(m("TargetUserName|fieldref", "SubjectUserName", "TargetUserName", "bob", "SubjectUserName", "alice"));
        assertFalse(m("TargetUserName|fieldref", "SubjectUserName", "TargetUserName", "bob"), "referenced field absent");
        assertFalse(m("TargetUserName|fieldref", "SubjectUserName", "SubjectUserName", "bob"), "own field absent");
        assertFalse(m("TargetUserName|fieldref|cased", "SubjectUserName", "TargetUserName", "Bob", "SubjectUserName", "bob"));
        assertTrue(m("TargetUserName|fieldref|cased", "SubjectUserName", "TargetUserName", "bob", "SubjectUserName", "bob"));
    }

    @Test
    void fieldrefWithNeqAndPositions() {
        assertTrue(m("ParentUser|fieldref|neq", "User", "ParentUser", "alice", "User", "SYSTEM"));
        assertFalse(m("ParentUser|fieldref|neq", "User", "ParentUser", "system", "User", "SYSTEM"));
        assertTrue(m("CommandLine|fieldref|contains", "Image", "CommandLine", "\"C:\\x.exe\" -a", "Image", "c:\\X.EXE"));
        assertFalse(m("CommandLine|fieldref|contains", "Image", "CommandLine", "other -a", "Image", "c:\\X.EXE"));
        assertTrue(m("CommandLine|fieldref|startswith", "Image", "CommandLine", "c:\\x.exe -a", "Image", "C:\\x.exe"));
        assertFalse(m("CommandLine|fieldref|startswith", "Image", "CommandLine", "\"c:\\x.exe\" -a", "Image", "C:\\x.exe"));
        assertTrue(m("TargetFilename|fieldref|endswith", "Name", "TargetFilename", "C:\\dir\\a.dll", "Name", "A.dll"));
        assertFalse(m("TargetFilename|fieldref|endswith", "Name", "TargetFilename", "C:\\dir\\a.dll.txt", "Name", "A.dll"));
    }
}
