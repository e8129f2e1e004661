package org.dotlink.sigma.rule;

/** A rule that could not be loaded: the file, the line of its document (or of the syntax error), and why. */
public record RuleProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
