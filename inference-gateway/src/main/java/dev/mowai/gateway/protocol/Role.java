package dev.mowai.gateway.protocol;

import java.util.Arrays;
import java.util.Optional;

/** The message roles the gateway passes to a model. Tool calls are not supported. */
public enum Role {
    SYSTEM("system"), USER("user"), ASSISTANT("assistant");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Role> fromWire(String s) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(s)).findFirst();
    }
}
