/**
 * Loading enrichment and threat-intel tables from files, as Metron's {@code flatfile_loader.sh}
 * did: {@link io.metron.pipeline.load.ExtractorConfig} reads Metron's extractor config, {@link
 * io.metron.pipeline.load.Extractors} builds a {@link io.metron.pipeline.load.CsvExtractor} or
 * {@link io.metron.pipeline.load.StixExtractor} wrapped in Stellar transforms and filters, and
 * {@link io.metron.pipeline.load.FlatFileLoader} feeds rows to a {@link
 * io.metron.pipeline.load.RowSink} (the table store, which lives outside the pipeline) with
 * progress, bad-row reports and a summary. {@link io.metron.pipeline.load.EnrichmentConfigUpdate}
 * applies Metron's {@code -n} sensor config patch.
 */
package io.metron.pipeline.load;
