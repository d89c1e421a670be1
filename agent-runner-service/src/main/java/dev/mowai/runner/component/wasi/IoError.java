package dev.mowai.runner.component.wasi;

/** The representation of a {@code wasi:io/error.error}: a message for {@code to-debug-string}. */
record IoError(String message) {
}
