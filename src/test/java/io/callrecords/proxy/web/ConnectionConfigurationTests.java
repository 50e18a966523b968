package io.callrecords.proxy.web;

import java.util.Objects;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Caller connections write answers in blocks of {@code PROXY_SERVER_WRITE_BUFFER}; a size
 * out of range, or one that the connection limit would multiply beyond half the heap,
 * stops the start with the settings named.
 */
class ConnectionConfigurationTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(Config.class, ConnectionConfiguration.class);

	@Test
	void connectionsWriteIn64KbBlocksByDefault() {
		this.contexts.run((context) -> {
			Connector connector = new Connector("HTTP/1.1");
			assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("8192");
			context.getBean(TomcatConnectorCustomizer.class).customize(connector);
			assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("65536");
		});
	}

	@Test
	void theBlockSizeIsASetting() {
		this.contexts.withPropertyValues("callrecords.server.write-buffer=16KB").run((context) -> {
			Connector connector = new Connector("HTTP/1.1");
			context.getBean(TomcatConnectorCustomizer.class).customize(connector);
			assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("16384");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "4KB", "2MB", "0" })
	void refusesABlockSizeOutOfRange(String size) {
		this.contexts.withPropertyValues("callrecords.server.write-buffer=" + size)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("PROXY_SERVER_WRITE_BUFFER"));
	}

	@Test
	void refusesBuffersOfMoreThanHalfTheHeap() {
		// Spring Boot's default limit (8192 connections) with 64 KB buffers on the
		// image's heap
		assertThatIllegalStateException()
			.isThrownBy(() -> ConnectionConfiguration.writeBuffer(DataSize.ofKilobytes(64), 8192,
					DataSize.ofMegabytes(460).toBytes()))
			.withMessageContaining("server.tomcat.max-connections")
			.withMessageContaining("PROXY_SERVER_WRITE_BUFFER")
			.withMessageContaining("576 MB");
		this.contexts.withPropertyValues("server.tomcat.max-connections=100000000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("server.tomcat.max-connections"));
	}

	@Test
	void refusesUnlimitedConnections() {
		// Tomcat counts no connections with -1: their buffers would have no bound
		this.contexts.withPropertyValues("server.tomcat.max-connections=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("unlimited connections")
				.hasMessageContaining("SERVER_TOMCAT_MAXCONNECTIONS"));
	}

	@Test
	void theServicesOwnLimitFitsTheBenchmarksSmallHeap() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yaml"));
		int maxConnections = Integer
			.parseInt(Objects.requireNonNull(yaml.getObject()).getProperty("server.tomcat.max-connections"));
		assertThat(maxConnections).isEqualTo(1024);
		assertThatNoException().isThrownBy(() -> ConnectionConfiguration.writeBuffer(DataSize.ofKilobytes(64),
				maxConnections, DataSize.ofMegabytes(256).toBytes()));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ConnectionProperties.class, TomcatServerProperties.class })
	static class Config {

	}

}
