/**
 * Meta-alerts: an analyst's grouping of related alerts into one, as Metron's meta-alert API.
 *
 * <p>{@link io.metron.search.metaalert.MetaAlerts} works on any {@link
 * io.metron.search.SearchStore}, so both back ends share it: it creates a meta-alert document
 * ({@code source.type: metaalert}, copies of its alerts in {@code metron_alert}, {@link
 * io.metron.search.metaalert.MetaScores} over their scores), keeps each alert's {@code metaalerts}
 * list in step, and searches so that an active meta-alert stands in place of its alerts. Requests:
 * {@link io.metron.search.metaalert.MetaAlertCreateRequest}; states: {@link
 * io.metron.search.metaalert.MetaAlertStatus}; the score statistic: {@link
 * io.metron.search.metaalert.ScoreAggregation}.
 */
package io.metron.search.metaalert;
