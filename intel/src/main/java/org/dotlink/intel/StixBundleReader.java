package org.dotlink.intel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a STIX 2.0 or 2.1 bundle with Jackson's streaming parser, keeping only the fields and object
 * types the knowledge base needs. The two versions differ, for what is read here, only in where
 * {@code spec_version} sits (the bundle in 2.0, each object in 2.1), which is not needed.
 */
final class StixBundleReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Set<String> KEPT = Set.of("attack-pattern", "x-mitre-tactic", "intrusion-set", "malware",
            "tool", "campaign", "relationship", "x-mitre-matrix");

    private StixBundleReader() {}

    /** The bundle's objects of the kept types, in file order. */
    static List<StixObject> read(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            return readBundle(file, p);
        } catch (NoSuchFileException e) {
            throw new AttackDataException(file, "no such file");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new AttackDataException(file, "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AttackDataException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<StixObject> readBundle(Path file, JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw notBundle(file, p, "the file does not start with a JSON object");
        }
        String type = null;
        List<StixObject> objects = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("type") && value == JsonToken.VALUE_STRING) {
                type = p.getText();
            } else if (field.equals("objects") && value == JsonToken.START_ARRAY) {
                objects = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        throw notBundle(file, p, "an element of \"objects\" is not a JSON object");
                    }
                    StixObject o = readObject(p);
                    if (o.type() != null && KEPT.contains(o.type())) {
                        objects.add(o);
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        if (!"bundle".equals(type)) {
            throw notBundle(file, p, "expected \"type\": \"bundle\" in the top-level object, found "
                    + (type == null ? "none" : "\"" + type + "\""));
        }
        if (objects == null) {
            throw notBundle(file, p, "the bundle has no \"objects\" array");
        }
        return objects;
    }

    private static AttackDataException notBundle(Path file, JsonParser p, String what) {
        JsonLocation at = p.currentLocation();
        return new AttackDataException(file, "not a STIX bundle (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + "): " + what);
    }

    private static StixObject readObject(JsonParser p) throws IOException {
        String type = null;
        String id = null;
        String name = null;
        String externalId = null;
        List<String> aliases = List.of();
        List<String> phases = List.of();
        boolean revoked = false;
        boolean deprecated = false;
        String shortName = null;
        String relationshipType = null;
        String sourceRef = null;
        String targetRef = null;
        List<String> tacticRefs = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "type" -> type = text(p);
                case "id" -> id = text(p);
                case "name" -> name = text(p);
                case "x_mitre_shortname" -> shortName = text(p);
                case "relationship_type" -> relationshipType = text(p);
                case "source_ref" -> sourceRef = text(p);
                case "target_ref" -> targetRef = text(p);
                case "revoked" -> revoked = value == JsonToken.VALUE_TRUE;
                case "x_mitre_deprecated" -> deprecated = value == JsonToken.VALUE_TRUE;
                case "aliases", "x_mitre_aliases" -> aliases = strings(p);
                case "tactic_refs" -> tacticRefs = strings(p);
                case "external_references" -> externalId = mitreExternalId(p);
                case "kill_chain_phases" -> phases = mitrePhases(p);
                default -> p.skipChildren();
            }
        }
        return new StixObject(type, id, name, externalId, aliases, phases, revoked, deprecated, shortName,
                relationshipType, sourceRef, targetRef, tacticRefs);
    }

    private static String text(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static List<String> strings(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                out.add(p.getText());
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    /** The {@code external_id} of the reference whose {@code source_name} is {@code mitre-attack}. */
    private static String mitreExternalId(JsonParser p) throws IOException {
        String found = null;
        for (String[] pair : pairs(p, "source_name", "external_id")) {
            if ("mitre-attack".equals(pair[0]) && pair[1] != null && found == null) {
                found = pair[1];
            }
        }
        return found;
    }

    private static List<String> mitrePhases(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>();
        for (String[] pair : pairs(p, "kill_chain_name", "phase_name")) {
            if ("mitre-attack".equals(pair[0]) && pair[1] != null) {
                out.add(pair[1]);
            }
        }
        return out;
    }

    /** For an array of objects, the two named string fields of each (null where absent). */
    private static List<String[]> pairs(JsonParser p, String first, String second) throws IOException {
        List<String[]> out = new ArrayList<>();
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return out;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String[] pair = new String[2];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals(first)) {
                    pair[0] = text(p);
                } else if (field.equals(second)) {
                    pair[1] = text(p);
                } else {
                    p.skipChildren();
                }
            }
            out.add(pair);
        }
        return out;
    }
}
