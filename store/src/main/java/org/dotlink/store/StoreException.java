package org.dotlink.store;

/**
 * A store could not be opened, or a statement failed. The message names the database file, or is
 * DuckDB's own message for a failed query.
 */
public final class StoreException extends RuntimeException {

    /** Why it failed, for callers that answer differently (a command line's exit status). */
    public enum Reason {
        /** The file does not exist (opening read-only). */
        NO_SUCH_FILE,
        /** The file exists but is not a DuckDB database. */
        NOT_A_DATABASE,
        /** Another process holds the database open for writing. */
        LOCKED,
        /** The database holds a table of the store's name with other columns. */
        OTHER_SCHEMA,
        /** Anything else: I/O, a failed statement, an invalid query. */
        FAILED
    }

    private final Reason reason;

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
