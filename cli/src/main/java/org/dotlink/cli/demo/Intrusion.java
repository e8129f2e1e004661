package org.dotlink.cli.demo;

/** One intrusion cluster: it plans its episodes day by day and says what it is, for the ground truth. */
interface Intrusion extends Agenda.Activity {

    GroundTruth.Cluster cluster();
}
