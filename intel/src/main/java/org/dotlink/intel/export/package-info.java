/**
 * Exports for other tools: ATT&amp;CK Navigator layers ({@link NavigatorLayer}), a STIX 2.1 bundle
 * ({@link StixBundle}) and a MISP event ({@link MispEvent}), all written by {@link AttackExports}.
 */
package org.dotlink.intel.export;
