package org.dotlink.store;

/**
 * A value of DuckDB's {@code JSON} type in a query result: its JSON text, so that an output written
 * as JSON can embed it as it is rather than as a string.
 */
public record RawJson(String text) {

    @Override
    public String toString() {
        return text;
    }
}
