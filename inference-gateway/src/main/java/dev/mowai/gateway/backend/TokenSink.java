package dev.mowai.gateway.backend;

/** Receives pieces of a reply as the backend produces them. */
@FunctionalInterface
public interface TokenSink {
    void accept(String piece);
}
