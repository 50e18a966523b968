package io.callrecords.proxy.callrecords;

import java.util.List;

import io.callrecords.proxy.quality.QualityClassifier;
import io.callrecords.proxy.quality.StreamQuality;
import io.callrecords.proxy.quality.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * The call-quality report of one call record ({@code CallQualityReport} in
 * {@code api-spec.yaml}): the verdict on every media stream of every segment, rolled up
 * per participant and for the record.
 *
 * @param id the record's id
 * @param classifier the classifier and thresholds applied
 * @param verdict poor when any stream is poor, else good when any is good, else
 * unclassified
 * @param counts the record's streams by verdict
 * @param participants each party at a segment's end, with the streams it sent or received
 * @param streams every stream, in the record's order
 * @param sessionsTruncated {@code true} when the record has more sessions than the
 * service reads for one record, so that the report covers only the first ones
 */
public record CallQualityReport(String id, QualityClassifier classifier, Verdict verdict, Counts counts,
		List<ParticipantQuality> participants, List<StreamReport> streams, @Nullable Boolean sessionsTruncated) {

	/**
	 * Streams by verdict ({@code QualityCounts} in {@code api-spec.yaml}).
	 *
	 * @param streams all streams
	 * @param good the good ones
	 * @param poor the poor ones
	 * @param unclassified the unclassified ones
	 * @param poorShare poor streams over classified (good and poor) streams, as CQD's
	 * "poor percentage" counts them, 0 to 1; absent when none is classified
	 */
	public record Counts(int streams, int good, int poor, int unclassified, @Nullable Double poorShare) {

		static Counts of(List<Verdict> verdicts) {
			int good = 0;
			int poor = 0;
			for (Verdict verdict : verdicts) {
				if (verdict == Verdict.GOOD) {
					good++;
				}
				else if (verdict == Verdict.POOR) {
					poor++;
				}
			}
			Double share = (good + poor > 0) ? (double) poor / (good + poor) : null;
			return new Counts(verdicts.size(), good, poor, verdicts.size() - good - poor, share);
		}

	}

	/**
	 * One participant's streams ({@code ParticipantQuality} in {@code api-spec.yaml}).
	 *
	 * @param party the participant
	 * @param verdict poor when any of its streams is poor, else good when any is good,
	 * else unclassified
	 * @param counts its streams, sent and received, by verdict
	 * @param worstReason of all the metrics that made its streams poor, the one furthest
	 * past its threshold (ratio of value to threshold, inverted for frame rates)
	 * @param poorStreams its poor streams
	 */
	public record ParticipantQuality(Party party, Verdict verdict, Counts counts, @Nullable String worstReason,
			List<PoorStream> poorStreams) {

	}

	/**
	 * A participant's poor stream ({@code PoorStream} in {@code api-spec.yaml}).
	 *
	 * @param sessionId the session
	 * @param segmentId the segment
	 * @param mediaLabel the media's label
	 * @param streamId the stream
	 * @param streamDirection {@code callerToCallee} or {@code calleeToCaller}
	 * @param role {@code sent} or {@code received}: the participant's side of it
	 * @param poorDueTo the metrics that made it poor
	 */
	public record PoorStream(@Nullable String sessionId, @Nullable String segmentId, @Nullable String mediaLabel,
			@Nullable String streamId, @Nullable String streamDirection, String role, List<String> poorDueTo) {

	}

	/**
	 * One stream's verdict and where it was ({@code StreamReport} in
	 * {@code api-spec.yaml}).
	 *
	 * @param sessionId the session
	 * @param segmentId the segment
	 * @param mediaLabel the media's label
	 * @param streamId the stream
	 * @param streamDirection {@code callerToCallee} or {@code calleeToCaller}
	 * @param sender the party that sent it, when a participant did
	 * @param receiver the party that received it, when a participant did
	 * @param quality the verdict
	 */
	public record StreamReport(@Nullable String sessionId, @Nullable String segmentId, @Nullable String mediaLabel,
			@Nullable String streamId, @Nullable String streamDirection, @Nullable Party sender,
			@Nullable Party receiver, StreamQuality quality) {

	}

}
