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

    ProblemLog(PrintWriter err) {
        this.err = err;
    }

    void report(ReadProblem p) {
        err.println(p);
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

    int warnings() {
        return warnings;
    }
}
