package org.dotlink.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dotlink.core.ReadProblem;

/**
 * Finds the files to read under the paths a user gives: files as they are, folders recursively in
 * name order. Files of no known format are skipped and counted; paths that cannot be read are problems.
 */
public final class InputDiscovery {

    /** What was found: files to read, files skipped as unknown formats, and paths that failed. */
    public record Result(List<InputFile> files, List<String> skipped, List<ReadProblem> problems) {}

    private InputDiscovery() {}

    public static Result discover(List<String> paths) {
        List<InputFile> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        for (String given : paths) {
            Path root = Path.of(given);
            if (!Files.exists(root)) {
                problems.add(ReadProblem.error(given, "path", "no such file or folder"));
                continue;
            }
            if (!Files.isDirectory(root)) {
                consider(given, root, files, skipped, problems);
                continue;
            }
            try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
                List<Path> found = walk.filter(Files::isRegularFile).sorted().toList();
                for (Path p : found) {
                    consider(root.resolve(root.relativize(p)).toString(), p, files, skipped, problems);
                }
            } catch (IOException | RuntimeException e) {
                problems.add(ReadProblem.error(given, "folder", "could not list: " + e.getMessage()));
            }
        }
        return new Result(files, skipped, problems);
    }

    private static void consider(String source, Path path, List<InputFile> files, List<String> skipped,
                                 List<ReadProblem> problems) {
        byte[] head = new byte[InputFormat.SNIFF_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            problems.add(ReadProblem.error(source, "offset 0x0", "could not open: " + e.getMessage()));
            return;
        }
        InputFormat format = InputFormat.recognise(path.getFileName().toString(), head, n);
        if (format == null) {
            skipped.add(source);
        } else {
            files.add(new InputFile(source, path, format));
        }
    }
}
