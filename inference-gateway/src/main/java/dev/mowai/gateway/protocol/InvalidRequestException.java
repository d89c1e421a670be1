package dev.mowai.gateway.protocol;

/** A request the gateway refuses with 400; {@code field} names what was wrong (OpenAI's "param"). */
public final class InvalidRequestException extends RuntimeException {
    private final String field;

    public InvalidRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
