/**
 * Recognising ATT&amp;CK software in what a hunt found: rule tags, tool and original file names in events
 * ({@link org.dotlink.intel.recognition.SoftwareRecognizer}), file hashes from indicator lists
 * ({@link org.dotlink.intel.recognition.IndicatorList}), and the profile of a hunt's findings
 * ({@link org.dotlink.intel.recognition.FindingsProfile}).
 */
package org.dotlink.intel.recognition;
