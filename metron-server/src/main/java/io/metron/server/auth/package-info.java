/**
 * Who may call the API: users with Argon2id password hashes and roles, API tokens, login sessions
 * with CSRF tokens, and a limit on failed logins. Users and tokens live in files under {@code
 * <data>/auth}, so {@code metron user} and {@code metron token} work with or without a running
 * server.
 */
package io.metron.server.auth;
