/**
 * callrecords-proxy: read access to Microsoft Graph call records for internal apps.
 */
@NullMarked
package io.callrecords.proxy;

import org.jspecify.annotations.NullMarked;
