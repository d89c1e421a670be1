package dev.mowai.runner.service;

/** No agent with this id lives on this runner. */
public final class UnknownAgent extends RuntimeException {

    public UnknownAgent(String id) {
        super("no agent with id " + id, null, false, false);
    }
}
