package org.dotlink.store;

/**
 * A column of a query result.
 *
 * @param type DuckDB's name of its type ({@code VARCHAR}, {@code TIMESTAMP}, {@code VARCHAR[]}, {@code JSON}, ...)
 */
public record Column(String name, String type) {}
