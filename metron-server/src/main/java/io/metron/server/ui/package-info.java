/**
 * What the Alerts UI needs from the server beyond Metron's API: its static files ({@link
 * UiAssets}), per-user settings with saved searches and column layouts ({@link UserSettingsStore}),
 * an alert's history from the audit log and the time histogram ({@link UiRoutes}).
 */
package io.metron.server.ui;
