package dev.mowai.gateway.backend;

/** Readiness of a backend; {@code detail} explains what an operator should know or do. */
public record BackendStatus(boolean ready, String detail) {
    public static BackendStatus up(String detail) {
        return new BackendStatus(true, detail);
    }

    public static BackendStatus down(String detail) {
        return new BackendStatus(false, detail);
    }
}
