package io.callrecords.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * A real Redis for tests: Debian's {@code redis-server} (installed by {@code .ci/run}),
 * started on a free port without persistence, stopped and restarted on the same port at
 * will. Where it is not installed, tests that need it are skipped on a developer's
 * machine and fail in CI ({@code CI} set), so that CI never passes without them.
 */
public final class RedisServer implements AutoCloseable {

	private final Path binary;

	private final int port;

	private @Nullable Process process;

	private RedisServer(Path binary, int port) {
		this.binary = binary;
		this.port = port;
	}

	/**
	 * Starts a Redis on a free port.
	 * @return the running server
	 */
	public static RedisServer start() {
		Path binary = binary();
		RedisServer server = new RedisServer(binary, freePort());
		server.restart();
		return server;
	}

	private static Path binary() {
		for (String candidate : List.of(System.getenv().getOrDefault("REDIS_SERVER", ""), "/usr/bin/redis-server",
				"/usr/local/bin/redis-server")) {
			if (!candidate.isEmpty() && Files.isExecutable(Path.of(candidate))) {
				return Path.of(candidate);
			}
		}
		String message = "redis-server is not installed (apt-get install redis-server, or set REDIS_SERVER)";
		if (System.getenv("CI") != null) {
			throw new IllegalStateException(message + ": CI must run the cluster tests");
		}
		Assumptions.abort(message);
		throw new IllegalStateException(message);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The URL to give {@code SPRING_DATA_REDIS_URL}.
	 * @return {@code redis://127.0.0.1:<port>}
	 */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Starts the server again (on the same port, empty) after {@link #stop}.
	 */
	public synchronized void restart() {
		if (this.process != null) {
			return;
		}
		try {
			this.process = new ProcessBuilder(this.binary.toString(), "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("redis-server did not start", ex);
		}
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(this::answers);
	}

	/**
	 * Stops the server at once, as a crash would.
	 */
	public synchronized void stop() {
		Process process = this.process;
		if (process != null) {
			process.destroyForcibly();
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/**
	 * Sends one command in Redis's inline protocol.
	 * @param command the command, for example {@code KEYS *}
	 * @return the raw reply
	 */
	public String command(String command) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[1 << 16];
			StringBuilder reply = new StringBuilder();
			do {
				int read = in.read(buffer);
				if (read < 0) {
					break;
				}
				reply.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
			}
			while (in.available() > 0);
			return reply.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private boolean answers() {
		try {
			return command("PING").startsWith("+PONG");
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		stop();
	}

}
