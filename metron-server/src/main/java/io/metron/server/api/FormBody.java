package io.metron.server.api;

/**
 * Marks a body record that may also arrive as an HTML form ({@code
 * application/x-www-form-urlencoded}), such as the login's; other bodies are JSON only.
 */
public interface FormBody {}
