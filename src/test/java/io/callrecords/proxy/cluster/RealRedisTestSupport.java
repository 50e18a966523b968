package io.callrecords.proxy.cluster;

import io.callrecords.proxy.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests on a real Redis: one {@code redis-server} per test class, running and
 * empty before each test (a test may stop it), and the links a test opened closed after
 * it.
 */
public abstract class RealRedisTestSupport {

	/** The class's Redis. */
	protected static RedisServer redis;

	/** Links to it, one per replica a test stands up. */
	protected final TestLinks links = new TestLinks(redis);

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@BeforeEach
	void emptyRedis() {
		redis.restart();
		redis.command("FLUSHALL");
	}

	@AfterEach
	void closeLinks() {
		this.links.close();
	}

}
