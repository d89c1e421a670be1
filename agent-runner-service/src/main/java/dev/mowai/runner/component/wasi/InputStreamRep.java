package dev.mowai.runner.component.wasi;

/**
 * The representation of a {@code wasi:io/streams.input-stream}. The sandbox only has empty
 * streams (stdin): every read reports the end of the stream.
 */
final class InputStreamRep {
    private final String name;

    InputStreamRep(String name) {
        this.name = name;
    }

    /** Bytes available now; null at the end of the stream. */
    byte[] read(long max) {
        return null;
    }

    @Override
    public String toString() {
        return "input-stream " + name;
    }
}
