/**
 * The server: Metron's REST API under {@code /api/v1}, mounted on the platform's one HTTP listener.
 * Every route is declared once ({@link io.metron.server.api.Endpoint}); the router, the access
 * checks and the OpenAPI document are all built from those declarations. The server is the one
 * writer of alert state: the command line's writers call it while it runs.
 */
package io.metron.server;
