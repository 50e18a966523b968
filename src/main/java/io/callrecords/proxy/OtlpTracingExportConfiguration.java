package io.callrecords.proxy;

import java.util.Locale;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The OTLP trace exporter, decided when the service starts rather than by conditions:
 * Spring Boot's own ({@link OtlpTracingAutoConfiguration}, excluded by
 * {@link CallRecordsProxyApplication}) exists only when
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} is set, a condition that
 * Spring AOT would evaluate once, when the image is built, so that an image built without
 * an endpoint could never export traces. This builds the same exporter from the same
 * properties (endpoint, transport, timeouts, compression, headers), and none when the
 * endpoint is empty or {@code management.tracing.export.enabled} or
 * {@code management.tracing.export.otlp.enabled} is {@code false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OtlpTracingProperties.class)
class OtlpTracingExportConfiguration {

	@Bean
	@Nullable SpanExporter otlpSpanExporter(OtlpTracingProperties properties, Environment environment,
			ObjectProvider<MeterProvider> meterProvider) {
		String endpoint = properties.getEndpoint();
		boolean enabled = environment.getProperty("management.tracing.export.otlp.enabled", Boolean.class,
				environment.getProperty("management.tracing.export.enabled", Boolean.class, true));
		if (!StringUtils.hasText(endpoint) || !enabled) {
			return null; // no exporter: Spring's null bean, which the span processor's
							// exporters leave out
		}
		String compression = properties.getCompression().name().toLowerCase(Locale.ROOT);
		if (properties.getTransport() == Transport.GRPC) {
			OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder()
				.setEndpoint(endpoint)
				.setTimeout(properties.getTimeout())
				.setConnectTimeout(properties.getConnectTimeout())
				.setCompression(compression);
			properties.getHeaders().forEach(builder::addHeader);
			meterProvider.ifAvailable(builder::setMeterProvider);
			return builder.build();
		}
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
			.setEndpoint(endpoint)
			.setTimeout(properties.getTimeout())
			.setConnectTimeout(properties.getConnectTimeout())
			.setCompression(compression);
		properties.getHeaders().forEach(builder::addHeader);
		meterProvider.ifAvailable(builder::setMeterProvider);
		return builder.build();
	}

}
