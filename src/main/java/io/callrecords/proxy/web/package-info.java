/**
 * Cross-cutting web concerns: request ids, RFC 9457 problem responses and the HTTP
 * security configuration.
 */
@NullMarked
package io.callrecords.proxy.web;

import org.jspecify.annotations.NullMarked;
