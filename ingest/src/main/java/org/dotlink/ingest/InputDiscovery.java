package org.dotlink.ingest;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dotlink.core.ReadProblem;

/**
 * Lists the files under the paths a user gives: files as they are, folders recursively in name order.
 * Paths that do not exist or cannot be listed are problems; formats are recognised later, on reading.
 */
public final class InputDiscovery {

    /** What was found: files to read, and paths that failed. */
    public record Result(List<InputFile> files, List<ReadProblem> problems) {}

    private InputDiscovery() {}

    public static Result discover(List<String> paths) {
        List<InputFile> files = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        for (String given : paths) {
            Path root = Path.of(given);
            if (!Files.exists(root)) {
                problems.add(ReadProblem.error(given, "path", "no such file or folder"));
            } else if (!Files.isDirectory(root)) {
                files.add(new InputFile(given, root));
            } else {
                try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
                    walk.filter(Files::isRegularFile).sorted()
                            .forEach(p -> files.add(new InputFile(root.resolve(root.relativize(p)).toString(), p)));
                } catch (IOException | RuntimeException e) {
                    problems.add(ReadProblem.error(given, "folder", "could not list: " + e.getMessage()));
                }
            }
        }
        return new Result(files, problems);
    }
}
