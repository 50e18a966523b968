/**
 * Call quality: Microsoft's Call Quality Dashboard (CQD) stream classification applied to
 * Graph's per-stream metrics. A pure classifier over {@code graph}'s public
 * {@code GraphMediaStream}, with its thresholds as configuration; {@code callrecords}
 * puts its verdicts into records and builds the per-record reports.
 */
@NullMarked
package io.callrecords.proxy.quality;

import org.jspecify.annotations.NullMarked;
