/**
 * Purpose-bound search of stored detections: full and partial plates, look-alike plates, area canvass, vehicle
 * description; approvals of broad searches; exports; the review of unusual searching. {@link
 * org.platewatch.server.search.Searches} lists the steps a search takes.
 */
package org.platewatch.server.search;
