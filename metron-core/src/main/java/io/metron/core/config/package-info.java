/**
 * Metron's configuration documents, read exactly in Metron's JSON shapes and validated strictly.
 *
 * <ul>
 *   <li>{@link io.metron.core.config.ConfigLoader} reads a config directory ({@code global.json},
 *       {@code parsers/*.json}, {@code enrichments/*.json}, {@code indexing/*.json}, {@code
 *       profiler.json}) into {@link io.metron.core.config.Configs}, collecting every problem with
 *       its file and JSON path instead of stopping at the first.
 *   <li>One record per document: {@link io.metron.core.config.SensorParserConfig}, {@link
 *       io.metron.core.config.SensorEnrichmentConfig}, {@link
 *       io.metron.core.config.IndexingConfig}, {@link io.metron.core.config.ProfilerConfig}, {@link
 *       io.metron.core.config.GlobalConfig}.
 *   <li>{@link io.metron.core.config.ConfigNode} is the reading cursor that knows where it is, so
 *       each record's {@code read} method reports problems by path without bookkeeping.
 *   <li>{@link io.metron.core.config.ConfigCheck} lets later modules add checks (parser names,
 *       Stellar compilation) that run as part of the same load.
 * </ul>
 */
package io.metron.core.config;
