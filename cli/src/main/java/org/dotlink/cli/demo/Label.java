package org.dotlink.cli.demo;

/**
 * What the generator knows about an event: part of an intrusion (its cluster and the attacker's step),
 * or a benign look-alike of attacker behaviour (administrators' PsExec, rar backups, ...). Events of
 * ordinary activity carry no label.
 *
 * @param cluster {@code A}, {@code B} or {@code C}; null for a look-alike
 * @param what    the attacker's step ({@code A3 LSASS dumped with ProcDump}) or the look-alike's kind
 */
record Label(String cluster, String what) {

    static Label step(String cluster, String what) {
        return new Label(cluster, what);
    }

    static Label lookalike(String what) {
        return new Label(null, what);
    }

    boolean malicious() {
        return cluster != null;
    }
}
