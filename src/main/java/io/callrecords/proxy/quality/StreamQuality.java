package io.callrecords.proxy.quality;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The verdict on one media stream ({@code StreamQuality} in {@code api-spec.yaml}).
 *
 * @param verdict good, poor or unclassified
 * @param mediaType the medium the rule was chosen for
 * @param poorDueTo the metrics that made the stream poor, in the rule's order; empty
 * unless poor
 * @param unclassifiedReason why the stream is unclassified; absent otherwise
 * @param checks the metrics the verdict used, with their thresholds
 */
public record StreamQuality(Verdict verdict, MediaType mediaType, List<String> poorDueTo,
		@Nullable UnclassifiedReason unclassifiedReason, List<MetricCheck> checks) {

	/**
	 * The check that made the stream poor by the widest margin.
	 * @return the worst check, or {@code null} unless poor
	 */
	public @Nullable MetricCheck worstCheck() {
		MetricCheck worst = null;
		for (MetricCheck check : this.checks) {
			if (this.poorDueTo.contains(check.metric()) && (worst == null || check.severity() > worst.severity())) {
				worst = check;
			}
		}
		return worst;
	}

}
