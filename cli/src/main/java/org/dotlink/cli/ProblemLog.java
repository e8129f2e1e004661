package org.dotlink.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import org.dotlink.core.ReadProblem;

/** Lists read problems on stderr as they come and counts them for the summary and the exit status. */
final class ProblemLog {

    private final PrintWriter err;
    private final Set<String> damaged = new LinkedHashSet<>();
    private int warnings;
    private final java.util.List<String> messages = new java.util.ArrayList<>();
    private static final int MAX_KEPT = 1000;

    ProblemLog(PrintWriter err) {
        this.err = err;
    }

    void report(ReadProblem p) {
        err.println(p);
        if (messages.size() < MAX_KEPT) {
            messages.add(p.toString());
        }
        if (p.isError()) {
            damaged.add(p.source());
        } else {
            warnings++;
        }
    }

    /** Inputs that lost something (an error), each counted once. */
    int damagedSources() {
        return damaged.size();
    }

    /** The first problems reported (at most 1,000), for the summary. */
    java.util.List<String> messages() {
        return messages;
    }

    int warnings() {
        return warnings;
    }
}
