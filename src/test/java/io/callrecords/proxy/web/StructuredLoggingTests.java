package io.callrecords.proxy.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON logs as the service configures them: ECS names the trace ids as ECS says.
 */
class StructuredLoggingTests {

	@Test
	void ecsLogsNameTheTraceIdsTraceIdAndSpanId() throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))
			.forEach(environment.getPropertySources()::addLast);
		LoggerContext context = new LoggerContext();
		context.putObject(Environment.class.getName(), environment);
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat("ecs");
		encoder.start();
		LoggingEvent event = new LoggingEvent();
		event.setLoggerName("callrecords.audit");
		event.setLevel(Level.INFO);
		event.setMessage("audit");
		event.setThreadName("main");
		event.setTimeStamp(0);
		event.setMDCPropertyMap(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7",
				"clientRequestId", "5da93eeb-ce1f-4633-8adf-22ea7183110b"));

		JsonNode line = JsonMapper.builder()
			.build()
			.readTree(new String(encoder.encode(event), StandardCharsets.UTF_8));

		assertThat(line.path("trace.id").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(line.path("span.id").asString()).isEqualTo("00f067aa0ba902b7");
		assertThat(line.has("traceId")).isFalse();
		assertThat(line.path("clientRequestId").asString()).isEqualTo("5da93eeb-ce1f-4633-8adf-22ea7183110b");
	}

}
