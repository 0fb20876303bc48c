/**
 * The endpoint groups, one class per Metron controller, each declaring its routes with Metron's
 * paths and JSON bodies and delegating to the platform's own components (search store, meta-alerts,
 * config loader, Stellar, parsers, pcap query).
 */
package io.metron.server.routes;
