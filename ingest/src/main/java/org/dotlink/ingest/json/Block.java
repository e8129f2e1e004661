package org.dotlink.ingest.json;

import java.util.List;
import org.dotlink.core.ReadProblem;

/**
 * A piece of the input for one parse task: {@code bytes[0, length)}, and either whole lines starting
 * at line {@code firstLine} (NDJSON, {@code count} is -1) or {@code count} records, record {@code i}
 * being {@code bytes[starts[i], ends[i])}, starting at line {@code lines[i]}, column {@code columns[i]}
 * (0-based) and byte {@code offsets[i]} of the input. {@code problems} were found while splitting.
 */
record Block(byte[] bytes, int length, long firstLine, int count, int[] starts, int[] ends, long[] lines,
        int[] columns, long[] offsets, List<ReadProblem> problems) {

    static Block lines(byte[] bytes, int length, long firstLine) {
        return new Block(bytes, length, firstLine, -1, null, null, null, null, null, List.of());
    }

    static Block problems(List<ReadProblem> problems) {
        return new Block(new byte[0], 0, 0, 0, new int[0], new int[0], new long[0], new int[0], new long[0],
                List.copyOf(problems));
    }

    boolean isLines() {
        return count < 0;
    }
}
