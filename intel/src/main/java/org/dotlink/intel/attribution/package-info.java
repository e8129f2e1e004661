/**
 * Attribution: which ATT&amp;CK groups an observed set of techniques and software resembles, ranked, with
 * the evidence for and against each and a calibrated confidence. {@link org.dotlink.intel.attribution.Attribution}
 * documents the model.
 */
package org.dotlink.intel.attribution;
