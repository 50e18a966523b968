package io.callrecords.proxy.quality;

/**
 * Which classifier made a report, with its thresholds ({@code QualityClassifier} in
 * {@code api-spec.yaml}).
 *
 * @param name the classifier's name
 * @param source where its rules are published
 * @param thresholds the thresholds it applied
 */
public record QualityClassifier(String name, String source, QualityThresholds thresholds) {

}
