package org.dotlink.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.core.RecordIdentity;
import org.duckdb.DuckDBConnection;

/**
 * Events and findings in one DuckDB database file, for querying with SQL (tables and columns in
 * docs/STORE.md). Adding is idempotent: a record or finding already stored is not added again, so a
 * run over the same input twice adds nothing the second time, and the add methods say how many rows
 * were new.
 *
 * <p>A store is one connection and is used by one thread at a time. DuckDB lets one process open a
 * database for writing; a store opened {@linkplain #openReadOnly read-only} can be opened by several
 * processes at once, when none writes.
 */
public final class Store implements AutoCloseable {

    static {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError("DuckDB's JDBC driver is not on the class path");
        }
    }

    private final Path file;
    private final DuckDBConnection connection;
    private final boolean readOnly;

    private Store(Path file, DuckDBConnection connection, boolean readOnly) {
        this.file = file;
        this.connection = connection;
        this.readOnly = readOnly;
    }

    /**
     * Opens the database for reading and writing, creating the file (and its folder) when missing and
     * the tables when the database has none.
     *
     * @throws StoreException naming the file when it is not a DuckDB database, another process has it
     *                        open, or it holds a table of the store's name with other columns
     */
    public static Store open(Path db) {
        try {
            Path parent = db.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.FAILED, db + ": cannot create its folder: " + e, e);
        }
        Store store = connect(db, false);
        try {
            String other = Schema.create(store.connection);
            if (other != null) {
                store.close();
                throw new StoreException(StoreException.Reason.OTHER_SCHEMA, db + ": the database has a table '" + other
                        + "' whose columns are not those of a Dotlink store (" + String.join(", ",
                        other.equals(Schema.EVENTS) ? Schema.EVENT_COLUMNS : Schema.FINDING_COLUMNS) + ")", null);
            }
        } catch (SQLException e) {
            store.close();
            throw new StoreException(StoreException.Reason.FAILED, db + ": cannot create the tables: " + e.getMessage(), e);
        }
        return store;
    }

    /**
     * Opens an existing database read-only (DuckDB's {@code read_only} mode): queries that would change
     * it fail.
     *
     * @throws StoreException naming the file when it does not exist, is not a DuckDB database, or
     *                        another process has it open for writing
     */
    public static Store openReadOnly(Path db) {
        if (!Files.exists(db)) {
            throw new StoreException(StoreException.Reason.NO_SUCH_FILE, db + ": no such file", null);
        }
        return connect(db, true);
    }

    private static Store connect(Path db, boolean readOnly) {
        if (Files.isDirectory(db)) {
            throw new StoreException(StoreException.Reason.NOT_A_DATABASE, db + ": is a folder, not a DuckDB database", null);
        }
        if (db.toString().contains(";")) {
            throw new StoreException(StoreException.Reason.FAILED, db + ": cannot open: DuckDB's JDBC driver takes ';' in"
                    + " a path for the start of its options; rename the file or its folder", null);
        }
        if (Files.exists(db) && !hasDuckDbHeader(db)) {
            throw new StoreException(StoreException.Reason.NOT_A_DATABASE, db + ": not a DuckDB database", null);
        }
        Properties properties = new Properties();
        if (readOnly) {
            properties.setProperty("duckdb.read_only", "true");
        }
        // No extension is fetched from the network or loaded behind the caller's back (DuckDB would
        // otherwise try to, for instance, on meeting a SQLite file).
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        try {
            String url = "jdbc:duckdb:" + db.toAbsolutePath();
            return new Store(db, (DuckDBConnection) DriverManager.getConnection(url, properties), readOnly);
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("not a valid DuckDB database")) {
                throw new StoreException(StoreException.Reason.NOT_A_DATABASE, db + ": not a DuckDB database", e);
            }
            if (m.contains("Could not set lock")) {
                throw new StoreException(StoreException.Reason.LOCKED, db + ": in use by another process (" + m + ")", e);
            }
            throw new StoreException(StoreException.Reason.FAILED, db + ": cannot open: " + m, e);
        }
    }

    /**
     * Whether the file starts like a DuckDB database: the magic bytes {@code DUCK} at offset 8. Checked
     * before DuckDB opens a file, because DuckDB opens some other files (JSON, CSV) as in-memory
     * databases over their data, where what is stored would be lost.
     */
    private static boolean hasDuckDbHeader(Path db) {
        try (InputStream in = Files.newInputStream(db)) {
            byte[] head = in.readNBytes(12);
            return head.length == 12 && head[8] == 'D' && head[9] == 'U' && head[10] == 'C' && head[11] == 'K';
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.FAILED, db + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /**
     * Stores events, each once: an event whose record key ({@link RecordIdentity#recordKey}) is already
     * stored, or repeated in {@code events}, is skipped. Events are read from the iterable once, in
     * batches, so it may be a stream over any number of them.
     *
     * @return how many events were new
     */
    public long addEvents(Iterable<Event> events, RecordIdentity identity) {
        refuseIfReadOnly();
        try {
            return BulkLoad.load(connection, Schema.EVENTS, events, new EventRows(identity));
        } catch (SQLException e) {
            throw new StoreException(StoreException.Reason.FAILED, file + ": storing events failed: " + e.getMessage(), e);
        }
    }

    /**
     * Stores findings, each once: a finding is the same as a stored one when it is the same rule on
     * the same record (for a correlation, on the same events); its story, asset role and level are
     * those it was first stored with.
     *
     * @return how many findings were new
     */
    public long addFindings(Iterable<Finding> findings, RecordIdentity identity) {
        refuseIfReadOnly();
        try {
            return BulkLoad.load(connection, Schema.FINDINGS, findings, new FindingRows(identity));
        } catch (SQLException e) {
            throw new StoreException(StoreException.Reason.FAILED, file + ": storing findings failed: " + e.getMessage(), e);
        }
    }

    private void refuseIfReadOnly() {
        if (readOnly) {
            throw new StoreException(StoreException.Reason.FAILED, file + ": opened read-only; nothing can be added", null);
        }
    }

    /**
     * Runs one SQL statement and returns its result (no columns for a statement that returns none).
     * Meant for reading; on a store opened with {@link #openReadOnly} DuckDB refuses anything else.
     *
     * @throws StoreException with DuckDB's message when the statement fails
     */
    public QueryResult query(String sql) {
        QueryResult.Collector all = new QueryResult.Collector();
        query(sql, all);
        return all.result();
    }

    /** As {@link #query(String)}, handing the columns and then each row to {@code sink} as they are read. */
    public void query(String sql, RowSink sink) {
        try (Statement st = connection.createStatement()) {
            if (!st.execute(sql)) {
                sink.columns(List.of());
                return;
            }
            try (ResultSet rs = st.getResultSet()) {
                read(rs, sink);
            }
        } catch (SQLException e) {
            throw new StoreException(StoreException.Reason.FAILED, e.getMessage(), e);
        }
    }

    /**
     * As {@link #query(String, RowSink)}, for a statement with {@code ?} placeholders bound, in order, to
     * {@code parameters} (strings, numbers, booleans or null): values never become part of the SQL text.
     */
    public void query(String sql, List<?> parameters, RowSink sink) {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                st.setObject(i + 1, parameters.get(i));
            }
            if (!st.execute()) {
                sink.columns(List.of());
                return;
            }
            try (ResultSet rs = st.getResultSet()) {
                read(rs, sink);
            }
        } catch (SQLException e) {
            throw new StoreException(StoreException.Reason.FAILED, e.getMessage(), e);
        }
    }

    /** As {@link #query(String, List, RowSink)}, returning the whole result. */
    public QueryResult query(String sql, List<?> parameters) {
        QueryResult.Collector all = new QueryResult.Collector();
        query(sql, parameters, all);
        return all.result();
    }

    private static void read(ResultSet rs, RowSink sink) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Column> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(new Column(md.getColumnLabel(i), md.getColumnTypeName(i)));
        }
        sink.columns(columns);
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(SqlValues.plain(rs.getObject(i)));
            }
            sink.row(row);
        }
    }

    /**
     * Another connection to the same database, in the same mode, for use by another thread at the same
     * time (a store is one connection, used by one thread at a time). Close it on its own; the database
     * stays open while any of its connections is.
     */
    public Store duplicate() {
        try {
            return new Store(file, (DuckDBConnection) connection.duplicate(), readOnly);
        } catch (SQLException e) {
            throw new StoreException(StoreException.Reason.FAILED, file + ": cannot open another connection: "
                    + e.getMessage(), e);
        }
    }

    /** Whether the store was opened with {@link #openReadOnly}. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Closes the connection; what was added is already committed. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(StoreException.Reason.FAILED, file + ": closing failed: " + e.getMessage(), e);
        }
    }
}
