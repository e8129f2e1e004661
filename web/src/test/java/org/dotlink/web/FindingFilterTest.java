package org.dotlink.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request filters become fixed SQL text with placeholders; their values only ever travel as parameters. */
class FindingFilterTest {

    @Test
    void valuesAreBoundNeverWritten() {
        String hostile = HostileHunt.INJECTION;
        Map<String, String> q = Map.of("rule", hostile, "host", hostile, "technique", hostile, "story", hostile,
                "q", hostile, "level", "high,critical", "from", "2021-03-03T10:00:00Z", "to", "2021-03-04T00:00:00");
        FindingFilter.Sql sql = FindingFilter.parse(q::get).where();
        assertFalse(sql.text().contains("DROP"), sql.text());
        assertFalse(sql.text().contains("'" + " ;"), sql.text());
        assertEquals(sql.text().chars().filter(c -> c == '?').count(), sql.values().size());
        assertTrue(sql.values().containsAll(List.of(hostile, "high", "critical", "2021-03-03 10:00:00.000000",
                "2021-03-04 00:00:00.000000")), sql.values().toString());
    }

    @Test
    void noFilterIsNoWhereClause() {
        assertEquals("", FindingFilter.NONE.where().text());
        assertEquals(List.of(), FindingFilter.parse(name -> " ").where().values());
    }

    @Test
    void badValuesAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FindingFilter.parse(Map.of("level", "urgent")::get))
                .getMessage().startsWith("level:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FindingFilter.parse(Map.of("from", "yesterday")::get))
                .getMessage().startsWith("from:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FindingFilter.parse(Map.of("q", "x".repeat(501))::get))
                .getMessage().startsWith("q:"));
    }
}
