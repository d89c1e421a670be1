package dev.mowai.runner.store;

/** The data directory has no room for a write (507 for the request that needed it; readiness goes DOWN). */
public final class StoreFull extends RuntimeException {

    public StoreFull(String message) {
        super(message, null, false, false);
    }
}
