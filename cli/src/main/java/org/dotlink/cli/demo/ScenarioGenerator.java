package org.dotlink.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates the demo scenario: three weeks of a telecom operator's Windows event logs (Sysmon, Security,
 * System; NXLog and Winlogbeat JSON) and Exchange IIS logs, with three intrusion clusters among ordinary
 * work and its look-alikes, and the ground truth beside them. The same seed and scale give the same bytes.
 */
public final class ScenarioGenerator {

    /** The folders the generator writes under the logs folder (and clears first). */
    private static final List<String> OUTPUT_FOLDERS = List.of("nxlog", "winlogbeat", "iis");

    /**
     * What was generated.
     *
     * @param logs         the folder holding the logs
     * @param groundTruth  the ground-truth file
     */
    public record Result(Path logs, Path groundTruth, long windowsEvents, long webRequests, long maliciousRecords,
                         long lookalikeRecords, int hosts, double seconds) {

        public long events() {
            return windowsEvents + webRequests;
        }
    }

    private ScenarioGenerator() {}

    /**
     * Writes the logs into {@code logs} (its {@code nxlog}, {@code winlogbeat} and {@code iis} folders are
     * replaced) and the ground truth into {@code groundTruth}.
     *
     * @param scale how much ordinary activity: 1 for the demo, less for quick runs
     */
    public static Result generate(Path logs, Path groundTruth, long seed, double scale) throws IOException {
        long start = System.nanoTime();
        for (String folder : OUTPUT_FOLDERS) {
            deleteTree(logs.resolve(folder));
        }
        Files.createDirectories(logs);
        GroundTruth truth = new GroundTruth();
        Network network = new Network(seed);
        long windows;
        long web;
        List<Intrusion> intrusions;
        try (LogWriter out = new LogWriter(logs, truth, seed)) {
            Scenario sc = Scenario.create(network, out, seed, scale);
            intrusions = List.of(new SoftCellIntrusion(sc), new NaikonIntrusion(sc), new Apt27Intrusion(sc));
            List<Agenda.Activity> activities = new ArrayList<>(List.of(new WorkstationActivity(sc),
                    new DomainControllerActivity(sc), new ExchangeActivity(sc), new BillingActivity(sc),
                    new VendorActivity(sc), new AdminActivity(sc), new OwaTraffic(sc)));
            activities.addAll(intrusions);
            Agenda agenda = new Agenda();
            for (int day = 0; day < ScenarioTime.DAYS; day++) {
                for (Agenda.Activity a : activities) {
                    a.plan(day, agenda);
                }
                agenda.runAll();
                out.flushBefore(ScenarioTime.dayStart(day + 1) - ScenarioTime.HOUR);
            }
            out.flushBefore(Long.MAX_VALUE);
            windows = out.windowsEvents();
            web = out.webRequests();
        }
        for (Intrusion i : intrusions) {
            truth.addCluster(i.cluster());
        }
        Files.createDirectories(groundTruth.toAbsolutePath().getParent());
        truth.write(groundTruth, seed, scale, windows, web);
        long malicious = truth.entries().stream().filter(x -> x.label().malicious()).count();
        return new Result(logs, groundTruth, windows, web, malicious, truth.entries().size() - malicious,
                network.hosts().size(), (System.nanoTime() - start) / 1e9);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
