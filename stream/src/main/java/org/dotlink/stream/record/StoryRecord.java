package org.dotlink.stream.record;

/** A story as the stories topic carries it: its id (the message key) and its JSON (a {@code stories.json} entry). */
public class StoryRecord {

    public String id;
    public String json;

    public StoryRecord() {}

    public static StoryRecord of(String id, String json) {
        StoryRecord s = new StoryRecord();
        s.id = id;
        s.json = json;
        return s;
    }
}
