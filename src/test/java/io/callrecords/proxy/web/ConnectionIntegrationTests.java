package io.callrecords.proxy.web;

import io.callrecords.proxy.IntegrationTestSupport;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service's Tomcat takes the connection settings: answers written in 64 KB
 * blocks, at most 1024 connections.
 */
class ConnectionIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void theApisConnectorWritesIn64KbBlocksAndKeepsItsConnectionLimit() {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getLocalPort()).isEqualTo(this.port);
		assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("65536");
		assertThat(connector.getProperty("maxConnections")).hasToString("1024");
	}

}
