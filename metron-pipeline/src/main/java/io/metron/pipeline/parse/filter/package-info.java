/**
 * Message filters ({@code filterClassName}): {@link io.metron.pipeline.parse.filter.StellarFilter}
 * ({@code STELLAR} with {@code filter.query}) and {@link io.metron.pipeline.parse.filter.BroFilter}
 * ({@code BRO}), built by {@link io.metron.pipeline.parse.filter.Filters}.
 */
package io.metron.pipeline.parse.filter;
