/**
 * Cluster mode: what replicas share through Redis when {@code SPRING_DATA_REDIS_URL} is
 * set (Graph's budgets, its throttling, the record cache, fetches in flight, callers'
 * quotas), and the fall back to each replica's own state while Redis is unreachable.
 * Knows no other module of the service; they use it.
 */
@NullMarked
package io.callrecords.proxy.cluster;

import org.jspecify.annotations.NullMarked;
