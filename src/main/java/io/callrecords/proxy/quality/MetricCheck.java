package io.callrecords.proxy.quality;

/**
 * One metric the classifier compared with a threshold ({@code MetricCheck} in
 * {@code api-spec.yaml}).
 *
 * @param metric the metric, named as in the API's {@code MediaStream} (durations in
 * milliseconds, {@code *Ms})
 * @param value the stream's value
 * @param comparison {@code greaterThan} or {@code lessThan}: the condition is
 * {@code value > threshold} or {@code value < threshold}
 * @param threshold the threshold
 * @param met whether the condition holds: for the audio packet gate, that the stream is
 * classified at all; for every other metric, that the stream is poor for it
 */
public record MetricCheck(String metric, double value, String comparison, double threshold, boolean met) {

	/** The comparison of a metric that is poor above its threshold. */
	public static final String GREATER_THAN = "greaterThan";

	/** The comparison of a metric that is poor below its threshold. */
	public static final String LESS_THAN = "lessThan";

	static MetricCheck above(String metric, double value, double threshold) {
		return new MetricCheck(metric, value, GREATER_THAN, threshold, value > threshold);
	}

	static MetricCheck below(String metric, double value, double threshold) {
		return new MetricCheck(metric, value, LESS_THAN, threshold, value < threshold);
	}

	/**
	 * How far past its threshold the value is, 1 at the threshold: the ratio of value to
	 * threshold for {@code greaterThan}, of threshold to value for {@code lessThan}. Used
	 * to name the worst of several reasons.
	 * @return the severity, {@code +Infinity} when the divisor is 0
	 */
	public double severity() {
		double numerator = GREATER_THAN.equals(this.comparison) ? this.value : this.threshold;
		double denominator = GREATER_THAN.equals(this.comparison) ? this.threshold : this.value;
		if (denominator <= 0) {
			return Double.POSITIVE_INFINITY;
		}
		return numerator / denominator;
	}

}
