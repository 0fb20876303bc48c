/**
 * The audit log: one JSON line per write (alert changes, comments, config saves, logins, tokens,
 * users) in {@code <data>/audit/audit.jsonl}, appended and never rewritten.
 */
package io.metron.server.audit;
