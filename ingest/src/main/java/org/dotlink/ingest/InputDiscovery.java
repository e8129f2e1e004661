package org.dotlink.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.dotlink.core.ReadProblem;

/**
 * The files under the paths a user gives, found lazily so that reading starts at once: files as
 * they are, folders depth-first with each folder's entries in name order. Paths that do not exist or
 * cannot be listed become problems; formats are recognised later, on reading.
 */
public final class InputDiscovery implements Iterator<InputFile> {

    /** A folder or file still to visit: its path and the name it is reported under. */
    private record Pending(Path path, String source) {}

    private final Deque<Pending> stack = new ArrayDeque<>();
    private final List<ReadProblem> problems = new ArrayList<>();
    /** Folders read so far, by file key (device and inode), so that links cannot make a cycle. */
    private final Set<Object> visited = new HashSet<>();
    private InputFile next;

    public InputDiscovery(List<String> paths) {
        for (int i = paths.size() - 1; i >= 0; i--) {
            stack.push(new Pending(Path.of(paths.get(i)), paths.get(i)));
        }
    }

    /** Every file under {@code paths}, in reading order (for tests and small inputs). */
    public static List<InputFile> list(List<String> paths) {
        List<InputFile> files = new ArrayList<>();
        new InputDiscovery(paths).forEachRemaining(files::add);
        return files;
    }

    /** Paths that could not be found or listed, so far. */
    public List<ReadProblem> problems() {
        return problems;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !stack.isEmpty()) {
            Pending p = stack.pop();
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(p.path(), BasicFileAttributes.class); // one stat, links followed
            } catch (NoSuchFileException e) {
                problems.add(ReadProblem.error(p.source(), "path", "no such file or folder"));
                continue;
            } catch (IOException e) {
                problems.add(ReadProblem.error(p.source(), "path", "could not read: " + e.getMessage()));
                continue;
            }
            if (attributes.isDirectory()) {
                expand(p, attributes);
            } else if (attributes.isRegularFile()) {
                next = new InputFile(p.source(), p.path());
            }
        }
        return next != null;
    }

    @Override
    public InputFile next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        InputFile f = next;
        next = null;
        return f;
    }

    private void expand(Pending folder, BasicFileAttributes attributes) {
        Object identity = attributes.fileKey() != null ? attributes.fileKey() : folder.path().toAbsolutePath().normalize();
        if (!visited.add(identity)) {
            return; // a link back to a folder already read
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder.path())) {
            dir.forEach(entries::add);
        } catch (IOException | RuntimeException e) {
            problems.add(ReadProblem.error(folder.source(), "folder", "could not list: " + e.getMessage()));
            return;
        }
        entries.sort(null);
        for (int i = entries.size() - 1; i >= 0; i--) {
            Path entry = entries.get(i);
            stack.push(new Pending(entry, Path.of(folder.source()).resolve(entry.getFileName()).toString()));
        }
    }
}
