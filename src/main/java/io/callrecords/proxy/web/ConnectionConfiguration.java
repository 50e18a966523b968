package io.callrecords.proxy.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Tomcat's connections write answers in {@link ConnectionProperties#writeBuffer()}
 * blocks; a start whose connection limit times the buffers would take more than half the
 * heap, or whose connections are unlimited ({@code -1}), is refused, naming both
 * settings. Without Spring Boot's Tomcat settings (a test slice without a server) there
 * is no connection limit to check.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration {

	/** Tomcat's read buffer per connection ({@code socket.appReadBufSize}), unchanged. */
	static final DataSize READ_BUFFER = DataSize.ofKilobytes(8);

	@Bean
	TomcatConnectorCustomizer connectionWriteBuffer(ConnectionProperties connections,
			ObjectProvider<TomcatServerProperties> tomcat) {
		TomcatServerProperties server = tomcat.getIfAvailable();
		return writeBuffer(connections.writeBuffer(), (server != null) ? server.getMaxConnections() : 0,
				Runtime.getRuntime().maxMemory());
	}

	static TomcatConnectorCustomizer writeBuffer(DataSize writeBuffer, int maxConnections, long maxHeap) {
		if (maxConnections < 0) {
			throw new IllegalStateException("unlimited connections (server.tomcat.max-connections, "
					+ "SERVER_TOMCAT_MAXCONNECTIONS = " + maxConnections + ") would leave the memory of their "
					+ "write buffers (PROXY_SERVER_WRITE_BUFFER each) unbounded: set a limit");
		}
		long buffers = (writeBuffer.toBytes() + READ_BUFFER.toBytes()) * maxConnections;
		if (buffers > maxHeap / 2) {
			throw new IllegalStateException(String.format(
					"%d connections (server.tomcat.max-connections, SERVER_TOMCAT_MAXCONNECTIONS) with a %d KB write buffer each "
							+ "(PROXY_SERVER_WRITE_BUFFER) and Tomcat's 8 KB read buffer would hold %d MB, more than half "
							+ "the heap (%d MB): lower either, or give the JVM more memory",
					maxConnections, writeBuffer.toKilobytes(), buffers >> 20, maxHeap >> 20));
		}
		String size = Long.toString(writeBuffer.toBytes());
		return (connector) -> connector.setProperty("socket.appWriteBufSize", size);
	}

}
