package io.callrecords.proxy.callrecords;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.callrecords.proxy.callrecords.CallQualityReport.Counts;
import io.callrecords.proxy.callrecords.CallQualityReport.ParticipantQuality;
import io.callrecords.proxy.callrecords.CallQualityReport.PoorStream;
import io.callrecords.proxy.callrecords.CallQualityReport.StreamReport;
import io.callrecords.proxy.quality.MetricCheck;
import io.callrecords.proxy.quality.StreamClassifier;
import io.callrecords.proxy.quality.Verdict;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Builds a record's call-quality report from the record as mapped with its segments,
 * whose streams carry the classifier's verdicts already. A pure function.
 * <p>
 * A stream belongs to the party that sent it and to the party that received it (from the
 * stream's direction and the segment's caller and callee); service endpoints, such as a
 * meeting's conferencing server, are no participants.
 */
@Component
class CallQualityReports {

	private final StreamClassifier classifier;

	CallQualityReports(StreamClassifier classifier) {
		this.classifier = classifier;
	}

	CallQualityReport report(CallRecordResponse record) {
		List<StreamReport> streams = new ArrayList<>();
		for (Session session : nonNull(record.sessions())) {
			for (Segment segment : nonNull(session.segments())) {
				for (Media media : nonNull(segment.media())) {
					for (MediaStream stream : nonNull(media.streams())) {
						boolean fromCaller = "callerToCallee".equals(stream.streamDirection());
						boolean fromCallee = "calleeToCaller".equals(stream.streamDirection());
						Party caller = party(segment.caller());
						Party callee = party(segment.callee());
						streams.add(new StreamReport(session.id(), segment.id(), media.label(), stream.streamId(),
								stream.streamDirection(), fromCaller ? caller : (fromCallee ? callee : null),
								fromCaller ? callee : (fromCallee ? caller : null), stream.quality()));
					}
				}
			}
		}
		List<Verdict> verdicts = streams.stream().map((stream) -> stream.quality().verdict()).toList();
		return new CallQualityReport(record.id(), this.classifier.description(), Verdict.over(verdicts),
				Counts.of(verdicts), participants(streams), streams, record.sessionsTruncated());
	}

	private static List<ParticipantQuality> participants(List<StreamReport> streams) {
		Map<String, Participant> participants = new LinkedHashMap<>();
		for (StreamReport stream : streams) {
			add(participants, stream.sender(), stream, "sent");
			add(participants, stream.receiver(), stream, "received");
		}
		return participants.values().stream().map(Participant::quality).toList();
	}

	private static void add(Map<String, Participant> participants, @Nullable Party party, StreamReport stream,
			String role) {
		String key = key(party);
		if (party == null || key == null) {
			return;
		}
		participants.computeIfAbsent(key, (k) -> new Participant(party)).add(stream, role);
	}

	private static @Nullable String key(@Nullable Party party) {
		if (party == null) {
			return null;
		}
		String key = (party.id() != null) ? party.id() : party.displayName();
		return (key != null) ? key.toLowerCase(Locale.ROOT) : null;
	}

	private static @Nullable Party party(@Nullable SessionEndpoint endpoint) {
		return (endpoint != null) ? endpoint.party() : null;
	}

	private static <T> List<T> nonNull(@Nullable List<T> list) {
		return (list != null) ? list : List.of();
	}

	/**
	 * A participant's streams as they are collected.
	 */
	private static final class Participant {

		private final Party party;

		private final List<Verdict> verdicts = new ArrayList<>();

		private final List<PoorStream> poor = new ArrayList<>();

		private @Nullable MetricCheck worst;

		Participant(Party party) {
			this.party = party;
		}

		void add(StreamReport stream, String role) {
			this.verdicts.add(stream.quality().verdict());
			if (stream.quality().verdict() != Verdict.POOR) {
				return;
			}
			this.poor.add(new PoorStream(stream.sessionId(), stream.segmentId(), stream.mediaLabel(), stream.streamId(),
					stream.streamDirection(), role, stream.quality().poorDueTo()));
			MetricCheck check = stream.quality().worstCheck();
			if (check != null && (this.worst == null || check.severity() > this.worst.severity())) {
				this.worst = check;
			}
		}

		ParticipantQuality quality() {
			return new ParticipantQuality(this.party, Verdict.over(this.verdicts), Counts.of(this.verdicts),
					(this.worst != null) ? this.worst.metric() : null, List.copyOf(this.poor));
		}

	}

}
