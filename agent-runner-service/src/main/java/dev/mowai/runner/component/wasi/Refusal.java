package dev.mowai.runner.component.wasi;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.host.HostFunction;
import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.Val;
import dev.mowai.runner.component.types.ValType;
import java.util.Optional;

/**
 * Implementations for members of resources the sandbox never hands out (file descriptors, sockets,
 * incoming HTTP messages): the import must link, but no valid handle can reach these functions.
 * A function returning {@code result<_, E>} answers the given error; any other traps with a message.
 */
final class Refusal {
    private Refusal() {
    }

    /** @param error the error payload for {@code result} returns; null for {@code result<T>} without error type */
    static HostFunction answer(FuncType type, Val error, String why) {
        Optional<ValType> result = type.result();
        if (result.isPresent() && result.get() instanceof ValType.ResultType r) {
            if (r.err().isPresent() && error == null) {
                throw new IllegalArgumentException("an error payload is needed for " + type);
            }
            Val value = r.err().isPresent() ? V.err(error) : V.errEmpty();
            return (call, args) -> V.ret(value);
        }
        return (call, args) -> {
            throw new Trap(call.describe() + ": " + why);
        };
    }
}
