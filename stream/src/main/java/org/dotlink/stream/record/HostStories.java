package org.dotlink.stream.record;

/**
 * What the first story stage found on one host in one window, for the second stage (encoded by
 * {@link org.dotlink.stream.codec.HostStoriesCodec}): the host's findings, the links among them, and the
 * facts that links across hosts need.
 */
public class HostStories {

    public String host;
    /** The story window's start, epoch milliseconds. */
    public long windowStart;
    public byte[] payload;

    public HostStories() {}

    public static HostStories of(String host, long windowStart, byte[] payload) {
        HostStories h = new HostStories();
        h.host = host;
        h.windowStart = windowStart;
        h.payload = payload;
        return h;
    }
}
