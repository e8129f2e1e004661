package org.dotlink.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.store.Column;
import org.dotlink.store.QueryResult;
import org.dotlink.store.RawJson;

/** JSON for the API: query results as objects, stored JSON embedded as JSON, times as ISO-8601 UTC. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The rows of a result as objects keyed by column name. */
    static List<Map<String, Object>> rows(QueryResult result) {
        List<Map<String, Object>> out = new ArrayList<>(result.rows().size());
        for (List<Object> row : result.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                Column c = result.columns().get(i);
                m.put(c.name(), plain(row.get(i)));
            }
            out.add(m);
        }
        return out;
    }

    /** A value of a query result as Jackson writes it. */
    static Object plain(Object v) {
        if (v instanceof RawJson j) {
            try {
                return MAPPER.readTree(j.text());
            } catch (JsonProcessingException e) {
                return j.text();
            }
        }
        if (v instanceof Instant t) {
            return time(t);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }

    /** ISO-8601 UTC with microseconds, as the store keeps times. */
    static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    static JsonNode read(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }
}
