package org.dotlink.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.dotlink.intel.AttackBundleLocator;
import org.dotlink.intel.AttackDataException;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.BundleLocation;
import org.dotlink.intel.Group;
import org.dotlink.intel.MispGalaxySynonyms;
import org.dotlink.intel.attribution.Attribution;
import org.dotlink.intel.attribution.Candidate;
import org.dotlink.intel.attribution.Evidence;
import org.dotlink.intel.attribution.ObservedProfile;
import org.dotlink.intel.recognition.FindingsProfile;
import org.dotlink.intel.recognition.SoftwareRecognizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dotlink attribute}: rank ATT&amp;CK groups by how well they explain observed techniques and software. */
@Command(name = "attribute", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rank ATT&CK groups by how well they explain what was observed: techniques and software, "
                + "given here or taken from a hunt's findings. Rare techniques and software weigh more than common "
                + "ones; each candidate comes with its score, a confidence, the evidence for it (shared, the most "
                + "distinctive first) and against it (its signature behaviour not seen). Always a ranked list, never "
                + "a verdict.")
final class AttributeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--techniques", split = ",", paramLabel = "T1190,...", description = "ATT&CK technique ids.")
    List<String> techniques = new ArrayList<>();

    @Option(names = "--software", split = ",", paramLabel = "S0020,...", description = "ATT&CK software ids.")
    List<String> software = new ArrayList<>();

    @Option(names = "--from", paramLabel = "DIR", description = "A hunt's output folder: the techniques and software "
            + "of all findings in DIR/findings.jsonl, taken together as one observation (with the tools their "
            + "events' file names show).")
    Path from;

    @Option(names = "--top", paramLabel = "K", description = "How many candidates (default: ${DEFAULT-VALUE}).")
    int top = 5;

    @Option(names = "--json", description = "Write the candidates as a JSON array, best first.")
    boolean json;

    @Option(names = "--attack", paramLabel = "FILE", description = "ATT&CK STIX bundle (default: $DOTLINK_ATTACK,"
            + " else the cache filled by 'dotlink attack update').")
    Path attack;

    @Option(names = "--misp-galaxy", paramLabel = "FILE", description = "MISP galaxy cluster file (threat-actor.json)"
            + " whose synonyms extend the groups' aliases.")
    Path mispGalaxy;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) throws IOException {
        if (techniques.isEmpty() && software.isEmpty() && from == null) {
            err.println("dotlink attribute: nothing to attribute; give --techniques, --software or --from DIR");
            return Dotlink.EXIT_USAGE;
        }
        if (top < 1) {
            err.println("dotlink attribute: --top must be at least 1");
            return Dotlink.EXIT_USAGE;
        }
        Path findings = from == null ? null : from.resolve("findings.jsonl");
        if (findings != null && !Files.isRegularFile(findings)) {
            err.println("dotlink attribute: " + findings + ": no such file (--from wants a hunt's output folder)");
            return Dotlink.EXIT_USAGE;
        }
        BundleLocation location = AttackBundleLocator.system().locate(attack);
        if (location.file() == null) {
            err.println("dotlink attribute: " + location.message());
            return Dotlink.EXIT_USAGE;
        }
        AttackKnowledgeBase kb;
        try {
            kb = AttackKnowledgeBase.load(location.file());
            if (mispGalaxy != null) {
                kb = kb.withGroupAliases(MispGalaxySynonyms.read(mispGalaxy, kb));
            }
        } catch (AttackDataException e) {
            err.println("dotlink attribute: " + e.getMessage());
            return Dotlink.EXIT_USAGE;
        }

        int status = Dotlink.EXIT_OK;
        Set<String> observedTechniques = new TreeSet<>(techniques);
        Set<String> observedSoftware = new TreeSet<>(software);
        if (findings != null) {
            FindingsProfile f = FindingsProfile.read(findings, SoftwareRecognizer.of(kb));
            f.problems().forEach(err::println);
            if (!f.problems().isEmpty()) {
                status = Dotlink.EXIT_INPUT_PROBLEMS;
            }
            observedTechniques.addAll(f.profile().techniques());
            observedSoftware.addAll(f.profile().software());
        }
        ObservedProfile observed = new ObservedProfile(observedTechniques, observedSoftware);
        Attribution attribution = new Attribution(kb);
        List<String> unknown = attribution.unknownIds(observed);
        if (!unknown.isEmpty()) {
            err.println("dotlink attribute: not in the ATT&CK bundle (or deprecated there), left out: "
                    + String.join(", ", unknown));
            status = Dotlink.EXIT_INPUT_PROBLEMS;
        }
        List<Candidate> candidates = attribution.rank(observed, top);
        if (json) {
            writeJson(out, kb, candidates);
        } else {
            writeText(out, kb, location, observed, candidates);
        }
        return status;
    }

    private static void writeText(PrintWriter out, AttackKnowledgeBase kb, BundleLocation location,
                                  ObservedProfile observed, List<Candidate> candidates) {
        out.printf("Observed: %d techniques, %d software; ATT&CK bundle %s (%s)%n", observed.techniques().size(),
                observed.software().size(), location.file(), location.origin());
        out.println("Candidates, best first (a ranking, not a verdict):");
        int rank = 1;
        for (Candidate c : candidates) {
            out.printf(Locale.ROOT, "%n%2d. %s %s  score %.2f  confidence %.2f (%s)%n", rank++, c.id(), c.name(),
                    c.score(), c.confidence(), c.confidenceLabel());
            List<String> aliases = kb.group(c.id()).map(Group::aliases).orElse(List.of());
            if (!aliases.isEmpty()) {
                out.println("    also known as: " + String.join(", ", aliases));
            }
            out.println("    for:     " + evidence(c.evidenceFor(), 8));
            out.println("    against: " + evidence(c.evidenceAgainst(), 5));
        }
    }

    private static String evidence(List<Evidence> list, int max) {
        if (list.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (Evidence e : list.subList(0, Math.min(max, list.size()))) {
            parts.add(String.format(Locale.ROOT, "%s %s (%.2f)", e.id(), e.name(), e.weight()));
        }
        String more = list.size() > max ? "; and " + (list.size() - max) + " more" : "";
        return String.join("; ", parts) + more;
    }

    private static void writeJson(PrintWriter out, AttackKnowledgeBase kb, List<Candidate> candidates)
            throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Candidate c : candidates) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("name", c.name());
            m.put("aliases", kb.group(c.id()).map(Group::aliases).orElse(List.of()));
            m.put("score", round(c.score()));
            m.put("confidence", round(c.confidence()));
            m.put("confidence_label", c.confidenceLabel());
            m.put("evidence_for", evidenceJson(c.evidenceFor()));
            m.put("evidence_against", evidenceJson(c.evidenceAgainst()));
            list.add(m);
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        out.println(mapper.writeValueAsString(list));
    }

    private static List<Map<String, Object>> evidenceJson(List<Evidence> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Evidence e : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("name", e.name());
            m.put("weight", round(e.weight()));
            m.put("note", e.note());
            out.add(m);
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
