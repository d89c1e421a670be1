package dev.mowai.runner.component.link;

import dev.mowai.runner.component.binary.Component;
import dev.mowai.runner.component.types.ResolvedComponent;
import java.util.List;

/**
 * A component ready to instantiate any number of times (wasmtime's {@code InstancePre}): parsed,
 * its types resolved and its imports checked once, against a host providing {@code provided}.
 * Instantiating it again (after a trap, a restart, a hot swap) does none of that work again.
 * Make it with {@link ComponentRuntime#prepare}.
 *
 * @param provided what the host it was checked against provides ({@link dev.mowai.runner.component.host.HostLinker#provided()});
 *                 an instantiation must use a host providing the same
 */
public record PreparedComponent(Component component, ResolvedComponent types, List<String> provided) {
    public PreparedComponent {
        provided = List.copyOf(provided);
    }
}
