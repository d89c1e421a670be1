package dev.mowai.runner.component.host;

import dev.mowai.runner.component.types.Val;
import java.util.List;
import java.util.Optional;

/**
 * A host implementation of a component import. Arguments arrive lifted (resources as
 * {@link Val.Own}/{@link Val.Borrow} carrying the host representation); the result is lowered by
 * the caller. To end the guest's call, throw the ABI's {@code Trap} (a fault) or {@link HostExit}
 * (the guest asked to exit).
 */
@FunctionalInterface
public interface HostFunction {
    Optional<Val> call(HostCall call, List<Val> args);
}
