package org.dotlink.intel;

import java.nio.file.Path;

/**
 * ATT&amp;CK data that could not be read: a STIX bundle, or a MISP galaxy file of synonyms. The message names
 * the file and says what was wrong.
 */
public final class AttackDataException extends RuntimeException {

    private final transient Path file;

    public AttackDataException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    public AttackDataException(Path file, String message) {
        this(file, message, null);
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
