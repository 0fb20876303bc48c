/**
 * The search store on OpenSearch, for deployments that outgrow one machine.
 *
 * <ul>
 *   <li>{@link io.metron.search.opensearch.OpenSearchStore}: the {@link
 *       io.metron.search.SearchStore} over opensearch-java, with Metron's index names and the
 *       embedded store's field typing.
 *   <li>{@link io.metron.search.opensearch.IndexTemplate}: the index template that types fields as
 *       {@link io.metron.search.FieldTyping} does.
 * </ul>
 */
package io.metron.search.opensearch;
