/**
 * The ATT&amp;CK knowledge base ({@link org.dotlink.intel.AttackKnowledgeBase}, read from a STIX 2.0 or 2.1
 * bundle), where the bundle comes from ({@link org.dotlink.intel.AttackBundleLocator}) and how to fetch it
 * ({@link org.dotlink.intel.AttackUpdater}). Attribution lives in {@code attribution}, software and
 * indicator recognition in {@code recognition}.
 */
package org.dotlink.intel;
