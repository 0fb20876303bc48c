/**
 * The parse stage: raw sensor bytes to Metron's normalised messages.
 *
 * <ul>
 *   <li>{@link io.metron.pipeline.parse.ParserRunner}: one sensor's whole per-message pipeline
 *       (metadata, transformations, guid, filter, validation, routing), built once per config;
 *       {@link io.metron.pipeline.parse.ParserGroup} runs several sensors by topic.
 *   <li>{@link io.metron.pipeline.parse.RawMessage} in, {@link
 *       io.metron.pipeline.parse.ParseOutcome}s out (parsed, invalid, failed, filtered).
 *   <li>{@link io.metron.pipeline.parse.Parser}: the contract each parser implements; {@link
 *       io.metron.pipeline.parse.ParserType} its registry entry; {@link
 *       io.metron.pipeline.parse.BuiltinParsers} the registry (plus {@link
 *       io.metron.pipeline.parse.ParserProvider} plug-ins). Most parsers are a {@link
 *       io.metron.pipeline.parse.TextParser} of one record, wrapped whole or by {@link
 *       io.metron.pipeline.parse.LineParser} for one record per line.
 *   <li>{@link io.metron.pipeline.parse.ParserConfigCheck}: load-time checks of parser configs;
 *       {@link io.metron.pipeline.parse.ParseTool} and {@link io.metron.pipeline.parse.ParserDocs}:
 *       the logic behind {@code metron parse} and {@code metron docs parsers}.
 *   <li>{@link io.metron.pipeline.parse.CommunityId}: the Community ID flow hash.
 * </ul>
 *
 * Parsers live in sub-packages by family: {@code bro}, {@code json}, {@code grok}, {@code syslog},
 * {@code cef}, {@code csv}, {@code regex}.
 */
package io.metron.pipeline.parse;
