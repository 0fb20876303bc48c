/**
 * The API's machinery: a route is one {@link io.metron.server.api.Endpoint} declaration (method,
 * path, role, summary, body and response types, handler); {@link io.metron.server.api.Router}
 * mounts the declarations with authentication, CSRF and role checks and one error shape, and {@link
 * io.metron.server.api.OpenApi} describes the same declarations.
 */
package io.metron.server.api;
