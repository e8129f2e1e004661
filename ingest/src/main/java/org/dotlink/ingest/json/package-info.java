/**
 * Windows events exported as JSON, read into the canonical {@link org.dotlink.core.Event} form the
 * EVTX reader produces (DESIGN.md, "Events: the canonical form").
 *
 * <ul>
 *   <li>{@link org.dotlink.ingest.json.JsonEventReader}: the reader (parse tasks, as the EVTX reader
 *       hands them out) and {@code looksLikeJson}, the recogniser;</li>
 *   <li>{@link org.dotlink.ingest.json.JsonLayout}: NDJSON, a top-level array, or pretty-printed objects
 *       one after another, told from the first bytes;</li>
 *   <li>{@code JsonShapes}: the shapes (flat NXLog/Logstash, Winlogbeat 6.x, Winlogbeat/ECS, evtx_dump)
 *       and every key mapping, as tables in one place;</li>
 *   <li>{@code RecordMapper}: one record, streamed from Jackson's parser into an event by those tables;</li>
 *   <li>{@code LineBlocks}, {@code RecordBlocks}, {@code Input}, {@code Block}: cutting the input into
 *       blocks of whole lines or records on the pulling thread;</li>
 *   <li>{@code JsonValues}: the value conversions (times, GUIDs, Keywords).</li>
 * </ul>
 */
package org.dotlink.ingest.json;
