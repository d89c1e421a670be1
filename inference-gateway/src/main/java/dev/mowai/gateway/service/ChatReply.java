package dev.mowai.gateway.service;

import dev.mowai.gateway.protocol.Completion;

/**
 * What becomes of one chat completion, told on its caller's event loop: the reply's pieces while a streamed
 * call runs, then exactly one of {@link #completed} or {@link #failed}; nothing once the caller has gone.
 */
public interface ChatReply {

    void token(String piece);

    void completed(Completion completion);

    /** Anything that ended the call: a queue timeout, the request timeout, the backend's failure or an open breaker. */
    void failed(Throwable failure);
}
