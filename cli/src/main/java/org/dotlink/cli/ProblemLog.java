package org.dotlink.cli;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;
import org.dotlink.core.ReadProblem;

/** Lists read problems on stderr as they come and counts them for the summary and the exit status. */
final class ProblemLog {

    private final PrintStream err;
    private final Set<String> damaged = new LinkedHashSet<>();
    private int warnings;

    ProblemLog(PrintStream err) {
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
