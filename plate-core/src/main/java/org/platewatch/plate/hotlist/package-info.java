/**
 * Hot-list matching: the entries a department watches for and the immutable index every
 * ingested read is checked against.
 *
 * <p>Plain Java and allocation-free on the common path (a read that hits nothing), because the
 * server runs it on every ingested read and the edge agent runs it in the patrol car.
 */
package org.platewatch.plate.hotlist;
