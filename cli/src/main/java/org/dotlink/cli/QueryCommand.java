package org.dotlink.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dotlink.cli.output.QueryCsv;
import org.dotlink.cli.output.QueryJson;
import org.dotlink.cli.output.QueryTable;
import org.dotlink.store.Column;
import org.dotlink.store.RowSink;
import org.dotlink.store.Store;
import org.dotlink.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dotlink query}: SQL over a Dotlink store. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {
            "Run one SQL statement over a Dotlink store (a DuckDB database, opened read-only) and print the result. "
                    + "Tables: events (one row per stored record) and findings (one row per detection); their columns "
                    + "are listed in docs/STORE.md.",
            "",
            "table: columns aligned under a header, numbers to the right; NULL for null; control characters in "
                    + "values shown escaped (\\n, \\u001b). The result is held in memory to align it; csv and json "
                    + "are written as they are read.",
            "csv: RFC 4180: a header row, commas, CRLF line ends; a field holding a comma, quote or line break is "
                    + "enclosed in double quotes; null is an empty field.",
            "json: JSON lines, one object per row with the columns as keys, in order; numbers as numbers, timestamps "
                    + "as ISO-8601 UTC strings, lists as arrays, JSON columns (fields, events) as JSON.",
            "In table and csv, timestamps are ISO-8601 UTC and lists and maps are written as JSON.",
            ""},
        footer = {"", "Example:", "  dotlink query --db dotlink.duckdb \\",
                "    \"SELECT rule_title, host, count(*) AS n FROM findings GROUP BY ALL\"", "",
                "Exit status: 0 success; 1 the statement failed (DuckDB's message is printed) or the database is in "
                        + "use; 2 bad usage, or FILE is missing or not a DuckDB database."})
final class QueryCommand implements Callable<Integer> {

    /** The output formats, named as on the command line. */
    enum Format { table, csv, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The store (DuckDB database file).")
    Path db;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (JSON lines); default ${DEFAULT-VALUE}.")
    Format format;

    @Parameters(arity = "1..*", paramLabel = "SQL",
            description = "The SQL statement; several words are joined with spaces.")
    List<String> sql;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Store store;
        try {
            store = Store.openReadOnly(db);
        } catch (StoreException e) {
            err.println("dotlink query: " + e.getMessage());
            err.flush();
            return switch (e.reason()) {
                case NO_SUCH_FILE, NOT_A_DATABASE -> Dotlink.EXIT_USAGE;
                default -> Dotlink.EXIT_INPUT_PROBLEMS;
            };
        }
        try (store) {
            String statement = String.join(" ", sql);
            switch (format) {
                case table -> QueryTable.write(store.query(statement), out);
                case csv -> store.query(statement, new StopWhenClosed(new QueryCsv(out), out));
                case json -> store.query(statement, new StopWhenClosed(new QueryJson(out), out));
            }
            return Dotlink.EXIT_OK;
        } catch (StoreException e) {
            out.flush();
            err.println("dotlink query: " + e.getMessage());
            return Dotlink.EXIT_INPUT_PROBLEMS;
        } catch (UncheckedIOException e) {
            return Dotlink.EXIT_OK; // stdout closed by its reader (e.g. "| head"): stop quietly
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Stops a streamed result once its output is closed (a PrintWriter never throws, it only records
     * the error), looking every 1,024 rows so that the output stays buffered.
     */
    private record StopWhenClosed(RowSink sink, PrintWriter out, int[] rows) implements RowSink {

        StopWhenClosed(RowSink sink, PrintWriter out) {
            this(sink, out, new int[1]);
        }

        @Override
        public void columns(List<Column> columns) {
            sink.columns(columns);
        }

        @Override
        public void row(List<Object> values) {
            sink.row(values);
            if (++rows[0] % 1024 == 0 && out.checkError()) {
                throw new UncheckedIOException(new IOException("output closed"));
            }
        }
    }
}
