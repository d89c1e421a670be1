package dev.mowai.runner.client;

/**
 * The gateway answered, but refused this one request (bad prompt, this agent's queue is full). Says
 * nothing about the gateway's health, so the circuit breaker ignores it.
 */
public final class GatewayRefusal extends RuntimeException {

    public GatewayRefusal(String message) {
        super(message, null, false, false);
    }
}
