package dev.mowai.arena.core;

import dev.mowai.arena.protocol.Inbound;
import dev.mowai.arena.protocol.Parsed;

/**
 * The door of an agent socket before it has joined: only PING and PONG are answered here, at a
 * small rate, and the first other frame goes to the relay (which joins or refuses it). A socket
 * that has not joined costs the relay nothing: it is not in the relay's state.
 */
public record PreJoin(TokenBucket bucket) {

    public static PreJoin opened(int burst, long now) {
        return new PreJoin(TokenBucket.full(burst, now));
    }

    public sealed interface Verdict {
        /** A PING: answer PONG. */
        record Pong(PreJoin next) implements Verdict {
        }

        /** A PONG: nothing to do. */
        record Quiet(PreJoin next) implements Verdict {
        }

        /** AGENT_CONNECT, or anything the relay must refuse with its own reason. */
        record Forward() implements Verdict {
        }

        /** Over the rate: close with this reason. */
        record Refuse(String reason) implements Verdict {
        }
    }

    public Verdict frame(Parsed parsed, long now, double ratePerSecond, int burst) {
        var taken = bucket.take(now, ratePerSecond, burst);
        if (taken.isEmpty()) {
            return new Verdict.Refuse("too many frames before AGENT_CONNECT (burst " + burst + ", then "
                    + (ratePerSecond == Math.rint(ratePerSecond) ? Long.toString((long) ratePerSecond) : ratePerSecond) + "/s)");
        }
        PreJoin next = new PreJoin(taken.get());
        return switch (parsed) {
            case Parsed.Ok(Inbound.Ping ping) -> new Verdict.Pong(next);
            case Parsed.Ok(Inbound.Pong pong) -> new Verdict.Quiet(next);
            default -> new Verdict.Forward();
        };
    }
}
