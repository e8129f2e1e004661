package org.dotlink.ingest;

import java.nio.file.Path;

/**
 * A file to read: {@code source} is its path as the user gave it (joined with the path found inside a
 * given folder), which is what events and problems name. Its format is recognised when it is opened.
 */
public record InputFile(String source, Path path) {}
