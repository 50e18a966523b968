/**
 * The Microsoft Graph client: the only way the rest of the service talks to Graph. Its
 * public API returns Graph's JSON as a tree, which {@code callrecords} flattens;
 * everything about tokens, HTTP and error translation lives in {@code internal}.
 */
@NullMarked
package io.callrecords.proxy.graph;

import org.jspecify.annotations.NullMarked;
