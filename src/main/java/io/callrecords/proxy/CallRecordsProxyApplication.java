package io.callrecords.proxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;

/**
 * Entry point of callrecords-proxy. Spring Boot's OTLP trace exporter is replaced by
 * {@link OtlpTracingExportConfiguration}, which decides at start, not by a condition that
 * Spring AOT would fix when the image is built.
 *
 * @author callrecords-proxy team
 */
@SpringBootApplication(exclude = OtlpTracingAutoConfiguration.class)
@ConfigurationPropertiesScan
public class CallRecordsProxyApplication {

	public static void main(String[] args) {
		SpringApplication.run(CallRecordsProxyApplication.class, args);
	}

}
