package org.dotlink.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dotlink.intel.AttackBundleLocator;
import org.dotlink.intel.AttackDataException;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.AttackUpdater;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dotlink attack}: the local ATT&amp;CK data. */
@Command(name = "attack", mixinStandardHelpOptions = true, description = "The local copy of MITRE ATT&CK.",
        subcommands = AttackCommand.Update.class)
final class AttackCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code dotlink attack update}: fetch the current Enterprise ATT&amp;CK bundle into the cache. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Download MITRE's current Enterprise ATT&CK bundle (STIX 2.1) into the local cache"
                    + " (~/.dotlink/attack/enterprise-attack.json), where 'dotlink attribute' and 'dotlink hunt' find"
                    + " it. The file is replaced only once the download has been read in full as an ATT&CK bundle.")
    static final class Update implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--to", paramLabel = "FILE", description = "Write here instead of the cache.")
        Path to;

        @Option(names = "--url", paramLabel = "URL", description = "Fetch from here instead of MITRE's repository"
                + " (a mirror).")
        URI url;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path target = to != null ? to : AttackBundleLocator.system().cacheFile();
            AttackUpdater updater = url == null ? AttackUpdater.standard()
                    : new AttackUpdater(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                            .connectTimeout(Duration.ofSeconds(30)).build(), url);
            try {
                err.println("dotlink attack update: fetching " + updater.source());
                err.flush();
                AttackKnowledgeBase kb = updater.update(target);
                out.printf(Locale.ROOT, "dotlink attack update: %s (%.1f MB): %,d techniques, %,d groups, %,d software,"
                                + " %,d campaigns%n", target, Files.size(target) / 1e6, kb.techniques().size(),
                        kb.groups().size(), kb.software().size(), kb.campaigns().size());
                return Dotlink.EXIT_OK;
            } catch (AttackDataException e) {
                err.println("dotlink attack update: the download is not a usable ATT&CK bundle, " + target
                        + " left as it was: " + e.getMessage());
                return Dotlink.EXIT_INPUT_PROBLEMS;
            } catch (IOException e) {
                err.println("dotlink attack update: " + e.getMessage() + "; " + target + " left as it was");
                return Dotlink.EXIT_INPUT_PROBLEMS;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("dotlink attack update: interrupted; " + target + " left as it was");
                return Dotlink.EXIT_INPUT_PROBLEMS;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }
}
