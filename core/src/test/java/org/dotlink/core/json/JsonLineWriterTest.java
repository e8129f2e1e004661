package org.dotlink.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonLineWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 2000)
    void anyStringRoundTripsThroughAStandardParser(@ForAll String name, @ForAll String value) throws Exception {
        JsonLineWriter w = new JsonLineWriter(16);
        w.startObject().name(name).value(value).name("n").value(42L).endObject().newline();
        String text = new String(w.toByteArray(), StandardCharsets.UTF_8);
        JsonNode parsed = JSON.readTree(text);
        // Lone surrogates cannot survive UTF-8; they are escaped and come back as themselves.
        assertEquals(value, parsed.get(name).asText());
        assertEquals(42L, parsed.get("n").asLong());
    }

    @Test
    void windowsPathsControlCharactersAndNonAscii() throws Exception {
        JsonLineWriter w = new JsonLineWriter(8);
        w.startObject()
                .name("Image").value("C:\\Windows\\System32\\cmd.exe")
                .name("CommandLine").value("a\"b\tc\nd\u0001é€😀")
                .name("list").startArray().value("x").value("y").endArray()
                .name("none").nullValue()
                .name("flag").value(true)
                .endObject().newline();
        String text = new String(w.toByteArray(), StandardCharsets.UTF_8);
        assertEquals("{\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"CommandLine\":\"a\\\"b\\tc\\nd\\u0001é€😀\","
                + "\"list\":[\"x\",\"y\"],\"none\":null,\"flag\":true}\n", text);
        JsonNode parsed = JSON.readTree(text);
        assertEquals(List.of("x", "y"), List.of(parsed.get("list").get(0).asText(), parsed.get("list").get(1).asText()));
    }
}
