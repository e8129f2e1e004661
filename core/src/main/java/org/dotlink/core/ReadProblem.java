package org.dotlink.core;

import java.util.Objects;

/**
 * Something a reader could not read, or read with doubts: which file, where in it, and what was
 * expected. Readers report problems and carry on; nothing is dropped without one.
 *
 * @param source   the input path as given (plus {@code #member} inside an archive)
 * @param location where in the source, in the reader's own terms ("chunk 3 at offset 0x31000", "line 17")
 * @param message  what was found and what was expected
 * @param severity a WARNING was read anyway (checksum mismatch); an ERROR lost some data
 */
public record ReadProblem(String source, String location, String message, Severity severity) {

    public enum Severity { WARNING, ERROR }

    public ReadProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    public static ReadProblem error(String source, String location, String message) {
        return new ReadProblem(source, location, message, Severity.ERROR);
    }

    public static ReadProblem warning(String source, String location, String message) {
        return new ReadProblem(source, location, message, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line for stderr: {@code source: location: severity: message}. */
    @Override
    public String toString() {
        return source + ": " + location + ": " + severity.name().toLowerCase() + ": " + message;
    }
}
