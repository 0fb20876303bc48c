/**
 * Key-value event formats: {@link io.metron.pipeline.parse.cef.CefParser} (ArcSight CEF) and {@link
 * io.metron.pipeline.parse.cef.LeefParser} (IBM LEEF), sharing the device time formats in {@code
 * CefTime}.
 */
package io.metron.pipeline.parse.cef;
