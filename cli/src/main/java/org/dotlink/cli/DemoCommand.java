package org.dotlink.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dotlink.cli.demo.DemoEvaluation;
import org.dotlink.cli.demo.ScenarioGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dotlink demo}: generates the built-in scenario (a telecom operator's logs with three intrusion
 * clusters among ordinary work), hunts it with the built-in rules, and scores the result against the
 * generator's ground truth.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The built-in scenario, end to end.%n%n"
                + "Generates three weeks of a small mobile operator's logs (Sysmon, Security and System events as NXLog"
                + " and Winlogbeat JSON, Exchange IIS logs; 17 hosts) with three intrusions hidden in ordinary work: a"
                + " Soft Cell-like actor after call records, a Naikon-like backdoor, an APT27-like OWA backdoor; and the"
                + " administrators' PsExec, scheduled tasks and rar backups that look like them. Then runs 'dotlink hunt'"
                + " on the logs and prints how the detections and stories compare with the ground truth. Works offline.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder: logs/, ground-truth.json and the hunt's"
            + " outputs (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("dotlink-demo");

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the scenario; the same seed gives the same logs"
            + " (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--scale", paramLabel = "F", hidden = true, description = "Share of ordinary activity to generate"
            + " (default: ${DEFAULT-VALUE}); the intrusions and look-alikes stay the same.")
    double scale = 1.0;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads of the hunt (default: all cores).")
    Integer threads;

    @Option(names = "--attack", paramLabel = "FILE", description = "ATT&CK STIX bundle for attribution (default:"
            + " $DOTLINK_ATTACK, else the cache 'dotlink attack update' fills; without one, all but attribution runs).")
    Path attack;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(scale > 0 && scale <= 1)) {
            err.println("dotlink demo: --scale must be in (0, 1], got " + scale);
            err.flush();
            return Dotlink.EXIT_USAGE;
        }
        long start = System.nanoTime();
        Path logs = out.resolve("logs");
        Path truth = out.resolve("ground-truth.json");
        stdout.println("Dotlink demo: PT Sunda Telekomunikasi, a small mobile operator, 1-21 March 2021.");
        stdout.println("Three intrusions hide in three weeks of ordinary work: A (Soft Cell-like) exploits Exchange and"
                + " steals call records,");
        stdout.println("B (Naikon-like) side-loads a backdoor on engineers' desktops, C (APT27-like) plants an OWA"
                + " backdoor twice through the vendor's access.");
        stdout.flush();
        ScenarioGenerator.Result g = ScenarioGenerator.generate(logs, truth, seed, scale);
        stdout.printf(Locale.ROOT, "Generated %,d events (%,d Windows events from %d hosts, %,d IIS requests) in %.1f s into"
                        + " %s;%n  ground truth: %,d attacker events, %,d benign look-alikes (%s)%n%n", g.events(),
                g.windowsEvents(), g.hosts(), g.webRequests(), g.seconds(), logs, g.maliciousRecords(),
                g.lookalikeRecords(), truth);
        stdout.flush();

        List<String> args = new ArrayList<>(List.of("hunt", logs.toString(), "--out", out.toString()));
        if (threads != null) {
            args.add("--threads");
            args.add(threads.toString());
        }
        if (attack != null) {
            args.add("--attack");
            args.add(attack.toString());
        }
        CommandLine hunt = Dotlink.commandLine();
        hunt.setOut(stdout);
        hunt.setErr(err);
        int exit = hunt.execute(args.toArray(String[]::new));
        if (exit != Dotlink.EXIT_OK) {
            err.println("dotlink demo: the hunt ended with exit status " + exit);
            err.flush();
            return exit;
        }
        DemoEvaluation evaluation = DemoEvaluation.load(out.resolve("findings.jsonl"), truth, logs);
        evaluation.print(stdout);
        evaluation.printClusters(stdout, clusterOfStory(out.resolve("clusters.json")));
        stdout.println();
        stdout.printf(Locale.ROOT, "Demo done in %.1f s. Look at:%n", (System.nanoTime() - start) / 1e9);
        stdout.printf("  %s  the report: stories with their graphs, timeline, ATT&CK heatmap, clusters, attribution"
                + " (open it in a browser; it works offline)%n", out.resolve("report.html").toAbsolutePath());
        stdout.printf("  %s  the attack stories, best first, each link explained%n", out.resolve("stories.json"));
        stdout.printf("  %s  activity clusters, their overlap and attribution with evidence%n",
                out.resolve("clusters.json"));
        stdout.printf("  %s  every finding, with its story%n", out.resolve("findings.jsonl"));
        stdout.printf("  %s  findings in time order%n", out.resolve("timeline.csv"));
        stdout.printf("  %s  what the generator did (each attacker event's cluster and step)%n", truth);
        stdout.printf("  %s  the generated logs; try 'dotlink hunt' or 'dotlink events' on them%n", logs);
        stdout.flush();
        return Dotlink.EXIT_OK;
    }

    /** The cluster id of each story, from the hunt's clusters.json. */
    static java.util.Map<String, String> clusterOfStory(Path clustersJson) throws IOException {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(clustersJson.toFile());
        for (var c : doc.path("clusters")) {
            c.path("stories").forEach(st -> out.put(st.asText(), c.path("id").asText()));
        }
        return out;
    }
}
