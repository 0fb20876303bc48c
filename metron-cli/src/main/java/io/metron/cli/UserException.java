package io.metron.cli;

/** A mistake the user can fix, reported as one line without a stack trace. */
final class UserException extends Exception {
  UserException(String message) {
    super(message);
  }
}
