package org.dotlink.store;

import java.util.List;

/**
 * Receives a query's result as it is read, so that large results need not be held in memory: first
 * the columns, then each row. Values are as {@link QueryResult} describes.
 */
public interface RowSink {

    void columns(List<Column> columns);

    void row(List<Object> values);
}
