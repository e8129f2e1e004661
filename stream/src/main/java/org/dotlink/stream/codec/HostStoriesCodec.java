package org.dotlink.stream.codec;

import java.util.ArrayList;
import java.util.List;
import org.dotlink.core.Story;
import org.dotlink.story.EventFacts;

/**
 * What the first story stage sends the second about one host and window, as bytes: the findings (each
 * already encoded by {@link FindingCodec}), the links found among them, and the cross-host facts with the
 * source and offset of the event each came from.
 */
public final class HostStoriesCodec {

    /** A cross-host fact and where the event it came from stands in the input: its source and offset. */
    public record PlacedFacts(String source, long offset, EventFacts facts) {}

    /** The decoded value. */
    public record Content(List<byte[]> findings, List<Story.Link> links, List<PlacedFacts> facts) {}

    private HostStoriesCodec() {}

    public static byte[] encode(List<byte[]> findings, List<Story.Link> links, List<PlacedFacts> facts) {
        Bytes.Writer w = new Bytes.Writer();
        w.writeBlocks(findings);
        w.writeInt(links.size());
        for (Story.Link l : links) {
            w.writeString(l.from()).writeString(l.to()).writeString(l.kind()).writeString(l.entity())
                    .writeString(l.reason());
        }
        w.writeInt(facts.size());
        for (PlacedFacts f : facts) {
            w.writeString(f.source()).writeLong(f.offset()).writeBlock(FactsCodec.encode(f.facts()));
        }
        return w.toByteArray();
    }

    public static Content decode(byte[] bytes) {
        Bytes.Reader r = new Bytes.Reader(bytes);
        List<byte[]> findings = r.readBlocks();
        int n = r.count();
        List<Story.Link> links = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            links.add(new Story.Link(r.readString(), r.readString(), r.readString(), r.readString(), r.readString()));
        }
        int m = r.count();
        List<PlacedFacts> facts = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            facts.add(new PlacedFacts(r.readString(), r.readLong(), FactsCodec.decode(r.readBlock())));
        }
        return new Content(findings, links, facts);
    }
}
