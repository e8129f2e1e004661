package org.dotlink.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Embedded JSON holds no character that could end its script element, and reads back unchanged. */
class ScriptJsonTest {

    @Test
    void escapesWhatCouldLeaveTheScriptElementAndRoundTrips() throws Exception {
        String nasty = "</script><script>alert(1)</script><!-- & \u2028\u2029 \"quoted\" \\ é 😀";
        Map<String, Object> value = Map.of("k" + nasty, List.of(nasty, 1, true));
        String json = ScriptJson.of(value);
        for (String bad : List.of("<", ">", "&", "\u2028", "\u2029")) {
            assertFalse(json.contains(bad), bad);
        }
        assertEquals(value, new ObjectMapper().readValue(json, Map.class));
    }
}
