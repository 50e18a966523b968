package io.callrecords.proxy;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTLP trace exporter follows the properties this start is given (not conditions that
 * Spring AOT would have fixed at build time).
 */
class OtlpTracingExportConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(OtlpTracingExportConfiguration.class);

	@Test
	void withoutAnEndpointNothingIsExported() {
		this.contexts.run((context) -> assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty());
	}

	@Test
	void anEndpointGetsAnOtlpHttpExporterWithItsSettings() {
		this.contexts
			.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://collector:4318/v1/traces",
					"management.opentelemetry.tracing.export.otlp.timeout=3s",
					"management.opentelemetry.tracing.export.otlp.compression=gzip",
					"management.opentelemetry.tracing.export.otlp.headers.x-tenant=calls")
			.run((context) -> assertThat(context.getBean(SpanExporter.class)).isInstanceOf(OtlpHttpSpanExporter.class)
				.asString()
				.contains("endpoint=http://collector:4318/v1/traces", "timeoutNanos=3000000000",
						"compressorEncoding=gzip", "x-tenant"));
	}

	@Test
	void theGrpcTransportGetsAnOtlpGrpcExporter() {
		this.contexts
			.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://collector:4317",
					"management.opentelemetry.tracing.export.otlp.transport=grpc")
			.run((context) -> assertThat(context.getBean(SpanExporter.class)).isInstanceOf(OtlpGrpcSpanExporter.class)
				.asString()
				.contains("endpoint=http://collector:4317"));
	}

	@Test
	void exportSwitchedOffExportsNothing() {
		this.contexts
			.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://collector:4318/v1/traces",
					"management.tracing.export.otlp.enabled=false")
			.run((context) -> assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty());
		this.contexts
			.withPropertyValues("management.opentelemetry.tracing.export.otlp.endpoint=http://collector:4318/v1/traces",
					"management.tracing.export.enabled=false")
			.run((context) -> assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty());
	}

}
