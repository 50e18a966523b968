package io.callrecords.proxy.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the service writes answers to its callers' connections. Bound from
 * {@code callrecords.server.*}, filled from {@code PROXY_SERVER_*}.
 *
 * @param writeBuffer what each connection gathers of an answer before one write to its
 * socket (Tomcat's {@code socket.appWriteBufSize}, 8 KB there): 64 KB by default, so that
 * a 1 MB call record goes out in 16 writes instead of 128 (measured 0.89 of the CPU per 1
 * MB request, docs/benchmarks.md). Every open connection holds one, so the service
 * refuses to start when {@code server.tomcat.max-connections} of them would take more
 * than half the heap. 8 KB to 1 MB
 */
@Validated
@ConfigurationProperties("callrecords.server")
public record ConnectionProperties(@DefaultValue("64KB") @NotNull DataSize writeBuffer) {

	static final DataSize MIN_WRITE_BUFFER = DataSize.ofKilobytes(8);

	static final DataSize MAX_WRITE_BUFFER = DataSize.ofMegabytes(1);

	@AssertTrue(message = "must be 8KB to 1MB (PROXY_SERVER_WRITE_BUFFER)")
	boolean isWriteBufferValid() {
		return this.writeBuffer.compareTo(MIN_WRITE_BUFFER) >= 0 && this.writeBuffer.compareTo(MAX_WRITE_BUFFER) <= 0;
	}

}
