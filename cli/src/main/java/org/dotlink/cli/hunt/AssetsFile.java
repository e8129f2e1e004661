package org.dotlink.cli.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dotlink.core.AssetRoles;

/**
 * Reads the {@code --assets} file: CSV lines {@code host-pattern,role[,critical]} (a header line starting
 * with {@code host} is skipped, {@code #} starts a comment), or YAML: a list of
 * {@code {host: pattern, role: name, critical: true|false}}. Without {@code critical}, the role decides
 * ({@link AssetRoles#CRITICAL_BY_DEFAULT}).
 */
public final class AssetsFile {

    private AssetsFile() {}

    /** @throws IllegalArgumentException naming the file, the line and what was expected */
    public static AssetRoles read(Path file) {
        if (file == null) {
            return AssetRoles.NONE;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            return name.endsWith(".yml") || name.endsWith(".yaml") ? yaml(file) : csv(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": could not read the assets file: " + e.getMessage());
        }
    }

    private static AssetRoles csv(Path file) throws IOException {
        List<AssetRoles.Asset> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || i == 0 && line.toLowerCase(Locale.ROOT).startsWith("host")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length < 2 || cells.length > 3 || cells[0].isBlank() || cells[1].isBlank()) {
                throw new IllegalArgumentException(file + ":" + (i + 1)
                        + ": expected 'host-pattern,role' or 'host-pattern,role,critical', got '" + line + "'");
            }
            out.add(asset(file + ":" + (i + 1), cells[0].strip(), cells[1].strip(), cells.length == 3 ? cells[2].strip() : ""));
        }
        return new AssetRoles(out);
    }

    private static AssetRoles yaml(Path file) throws IOException {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        if (doc == null || !doc.isArray()) {
            throw new IllegalArgumentException(file + ": expected a list of {host: pattern, role: name, critical: true|false}");
        }
        List<AssetRoles.Asset> out = new ArrayList<>();
        for (int i = 0; i < doc.size(); i++) {
            JsonNode a = doc.get(i);
            if (!a.path("host").isTextual() || !a.path("role").isTextual()) {
                throw new IllegalArgumentException(file + ": entry " + (i + 1) + ": expected 'host' and 'role'");
            }
            out.add(asset(file + ": entry " + (i + 1), a.path("host").asText(), a.path("role").asText(),
                    a.has("critical") ? a.path("critical").asText() : ""));
        }
        return new AssetRoles(out);
    }

    private static AssetRoles.Asset asset(String where, String host, String role, String critical) {
        boolean c;
        switch (critical.toLowerCase(Locale.ROOT)) {
            case "" -> c = AssetRoles.CRITICAL_BY_DEFAULT.contains(role.toLowerCase(Locale.ROOT));
            case "true", "yes", "critical" -> c = true;
            case "false", "no" -> c = false;
            default -> throw new IllegalArgumentException(where + ": 'critical' must be true or false, got '" + critical + "'");
        }
        return new AssetRoles.Asset(host, role, c);
    }
}
