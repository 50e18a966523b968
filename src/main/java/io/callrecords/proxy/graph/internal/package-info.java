/**
 * WebClient and OAuth2 client-credentials wiring for Microsoft Graph. Nothing outside
 * {@code graph} may depend on this package.
 */
@NullMarked
package io.callrecords.proxy.graph.internal;

import org.jspecify.annotations.NullMarked;
