package org.dotlink.intel.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dotlink.core.ActivityCluster;
import org.dotlink.intel.AttackKnowledgeBase;

/**
 * Writes a hunt's exports into its output folder: {@code attack-layer.json} (every technique seen, scored
 * by findings), {@code layers/<cluster>.json} per cluster, {@code layers/<cluster>-vs-<group>.json} per
 * attributed cluster against its top candidate, {@code stix-bundle.json} and {@code misp-event.json}.
 * Without an ATT&amp;CK knowledge base, layers and bundles carry technique ids without names and there
 * are no group comparisons or intrusion sets; {@link #write} says so in what it returns.
 */
public final class AttackExports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AttackExports() {}

    /**
     * What {@link #write} wrote.
     *
     * @param files the files, relative to the output folder
     * @param note  what could not be written and why, or null
     */
    public record Written(List<String> files, String note) {}

    /**
     * Writes every export.
     *
     * @param kb      the ATT&amp;CK knowledge base, or null
     * @param created the time stamped on STIX objects and the MISP event
     * @return the files written and what could not be
     */
    public static Written write(Path outDir, List<ActivityCluster> clusters, TechniqueCounts counts,
                                     AttackKnowledgeBase kb, Instant created) throws IOException {
        List<String> written = new ArrayList<>();
        json(outDir, "attack-layer.json", NavigatorLayer.scored("Dotlink hunt",
                "ATT&CK techniques of the hunt's findings, scored by their number of findings.", counts.overall(),
                counts, kb), written);
        Path layers = outDir.resolve("layers");
        if (Files.isDirectory(layers)) {
            try (Stream<Path> old = Files.list(layers)) {
                for (Path p : old.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(layers);
        for (ActivityCluster c : clusters) {
            Map<String, Long> clusterCounts = counts.ofStories(c.stories());
            json(outDir, "layers/" + c.id() + ".json", NavigatorLayer.scored("Dotlink " + c.id(),
                    "Techniques of activity cluster " + c.id() + " (" + c.stories().size() + " stories, hosts "
                            + String.join(", ", c.hosts()) + "), scored by findings.", clusterCounts, counts, kb),
                    written);
            if (kb != null && !c.attribution().isEmpty()) {
                ActivityCluster.Candidate top = c.attribution().get(0);
                json(outDir, "layers/" + c.id() + "-vs-" + top.id() + ".json", NavigatorLayer.comparison(c, top,
                        kb.techniquesUsedBy(top.id()), clusterCounts, kb), written);
            }
        }
        json(outDir, "stix-bundle.json", StixBundle.of(clusters, kb, created), written);
        json(outDir, "misp-event.json", MispEvent.of(clusters, kb, created, "Dotlink hunt: " + clusters.size()
                + " activity clusters, " + counts.overall().size() + " ATT&CK techniques"), written);
        return new Written(written, kb != null ? null : "no ATT&CK bundle: layers and exports carry technique ids"
                + " without names; no cluster-vs-group layers, intrusion sets or threat-actor tags");
    }

    private static void json(Path outDir, String name, Object doc, List<String> written) throws IOException {
        JSON.writeValue(outDir.resolve(name).toFile(), doc);
        written.add(name);
    }
}
