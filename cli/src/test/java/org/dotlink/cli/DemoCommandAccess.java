package org.dotlink.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Lets the demo's tests read a hunt's clusters as the demo command does. */
public final class DemoCommandAccess {

    private DemoCommandAccess() {}

    public static Map<String, String> clusterOfStory(Path clustersJson) throws IOException {
        return DemoCommand.clusterOfStory(clustersJson);
    }
}
