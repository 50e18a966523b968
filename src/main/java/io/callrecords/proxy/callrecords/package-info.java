/**
 * The internal call-records API: controllers implementing the interfaces generated from
 * {@code api-spec.yaml}, request parsing, and the pure mapper from Graph JSON to the
 * flattened DTOs.
 */
@NullMarked
package io.callrecords.proxy.callrecords;

import org.jspecify.annotations.NullMarked;
