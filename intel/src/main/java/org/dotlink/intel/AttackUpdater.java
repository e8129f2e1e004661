package org.dotlink.intel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Downloads the current Enterprise ATT&amp;CK bundle (STIX 2.1, from MITRE's public
 * {@code attack-stix-data} repository) into a file, atomically: the download goes to a temporary file in
 * the same folder, is read in full as a knowledge base, and only then replaces the target. A failed or
 * invalid download leaves the previous file as it was.
 */
public final class AttackUpdater {

    /** MITRE's current Enterprise ATT&amp;CK bundle. */
    public static final URI DEFAULT_SOURCE = URI.create(
            "https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack.json");

    private final HttpClient client;
    private final URI source;

    /** An updater fetching {@code source} with {@code client}. */
    public AttackUpdater(HttpClient client, URI source) {
        this.client = client;
        this.source = source;
    }

    /** An updater fetching {@link #DEFAULT_SOURCE}, following redirects. */
    public static AttackUpdater standard() {
        return new AttackUpdater(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build(), DEFAULT_SOURCE);
    }

    /** Where the bundle is fetched from. */
    public URI source() {
        return source;
    }

    /**
     * Fetches the bundle into {@code target} (its folder is created when missing).
     *
     * @return the knowledge base read from the new file
     * @throws IOException          when the download fails (with the HTTP status when the server answered)
     * @throws AttackDataException when what was downloaded is not a usable ATT&amp;CK bundle; the target is untouched
     */
    public AttackKnowledgeBase update(Path target) throws IOException, InterruptedException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        try {
            HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(5)).GET().build();
            HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(part));
            if (response.statusCode() != 200) {
                throw new IOException("GET " + source + ": HTTP " + response.statusCode());
            }
            AttackKnowledgeBase kb = AttackKnowledgeBase.load(part);
            move(part, target);
            return kb.movedTo(target);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
