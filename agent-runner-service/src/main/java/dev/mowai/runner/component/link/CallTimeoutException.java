package dev.mowai.runner.component.link;

import dev.mowai.runner.component.abi.Trap;
import java.time.Duration;

/** An export call ran past the wall-clock limit; the instance was stopped and is discarded. */
public final class CallTimeoutException extends Trap {
    public CallTimeoutException(String export, Duration limit) {
        super("call of '" + export + "' exceeded the time limit of " + limit.toMillis() + " ms and was stopped");
    }
}
