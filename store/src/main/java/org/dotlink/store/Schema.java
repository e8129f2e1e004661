package org.dotlink.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's tables, {@code events} and {@code findings} (documented column by column in
 * docs/STORE.md), created when missing, and the staging tables bulk loads append to. Rows are appended
 * in the order of the column lists here.
 */
final class Schema {

    static final String EVENTS = "events";
    static final String FINDINGS = "findings";

    static final List<String> EVENT_COLUMNS = List.of("record_key", "time", "host", "host_key", "channel",
            "event_id", "record_id", "source", "recovered", "fields");

    static final List<String> FINDING_COLUMNS = List.of("finding_key", "record_key", "time", "host", "channel",
            "event_id", "record_id", "source", "rule_id", "rule_title", "level", "techniques", "tactics", "story",
            "asset_role", "recovered", "events", "fields");

    private static final String CREATE_EVENTS = """
            CREATE TABLE IF NOT EXISTS events (
                record_key VARCHAR PRIMARY KEY,
                time       TIMESTAMP,
                host       VARCHAR,
                host_key   VARCHAR,
                channel    VARCHAR,
                event_id   INTEGER,
                record_id  BIGINT,
                source     VARCHAR,
                recovered  BOOLEAN NOT NULL,
                fields     JSON NOT NULL
            )""";

    private static final String CREATE_FINDINGS = """
            CREATE TABLE IF NOT EXISTS findings (
                finding_key VARCHAR PRIMARY KEY,
                record_key  VARCHAR,
                time        TIMESTAMP,
                host        VARCHAR,
                channel     VARCHAR,
                event_id    INTEGER,
                record_id   BIGINT,
                source      VARCHAR,
                rule_id     VARCHAR NOT NULL,
                rule_title  VARCHAR,
                level       VARCHAR NOT NULL,
                techniques  VARCHAR[] NOT NULL,
                tactics     VARCHAR[] NOT NULL,
                story       VARCHAR,
                asset_role  VARCHAR,
                recovered   BOOLEAN NOT NULL,
                events      JSON,
                fields      JSON NOT NULL
            )""";

    private Schema() {}

    /**
     * Creates the tables that are missing and this connection's staging tables.
     *
     * @return the name of a table whose columns are not the store's, or null when both are
     */
    static String create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(CREATE_EVENTS);
            st.execute(CREATE_FINDINGS);
            for (String table : List.of(EVENTS, FINDINGS)) {
                if (!columns(c, table).equals(table.equals(EVENTS) ? EVENT_COLUMNS : FINDING_COLUMNS)) {
                    return table;
                }
                // Same columns, no key: a batch lands here first, then goes over with ON CONFLICT DO NOTHING.
                st.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage(table) + " AS SELECT * FROM main." + table
                        + " LIMIT 0");
            }
        }
        return null;
    }

    /** The staging table of {@code table}, in the connection's temporary catalog. */
    static String stage(String table) {
        return "stage_" + table;
    }

    /** The column names of a table of the main schema, in order. */
    static List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = ?"
                + " ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
