/**
 * Metron's management functions, the Stellar REPL's tools for building configs and trying them out:
 * {@link io.metron.pipeline.manage.ConfigEditFunctions} edits parser, enrichment, indexing and
 * triage configs given as JSON strings ({@code PARSER_STELLAR_TRANSFORM_*}, {@code
 * ENRICHMENT_STELLAR_TRANSFORM_*}, {@code INDEXING_SET_*}, {@code THREAT_TRIAGE_ADD/REMOVE/PRINT/
 * SET_AGGREGATOR}); {@link io.metron.pipeline.manage.ParserFunctions} runs the real parsers ({@code
 * PARSER_INIT/PARSE/CONFIG}); {@link io.metron.pipeline.manage.TriageFunctions} runs the real
 * triage ({@code THREAT_TRIAGE_INIT/SCORE/CONFIG}); {@link io.metron.pipeline.manage.GrokFunctions}
 * tries grok expressions ({@code GROK_EVAL/PREDICT}). {@link
 * io.metron.pipeline.manage.PipelineFunctions} gathers every function this module provides.
 */
package io.metron.pipeline.manage;
