/**
 * The self-contained HTML report of a hunt ({@code report.html}): {@link ReportWriter} writes what a
 * {@link ReportData} holds, data embedded as inert JSON and rendered by inline script as text only.
 */
package org.dotlink.report;
