package dev.mowai.runner.component.link;

import dev.mowai.runner.component.abi.CanonOptions;
import dev.mowai.runner.component.host.HostCall;
import dev.mowai.runner.component.host.TypedHostFunction;
import dev.mowai.runner.component.types.FuncType;
import org.graalvm.polyglot.Value;

/** An entry of a component instance's function index space. */
sealed interface ComponentFunc {

    FuncType type();

    /** A function the host provides (an import, or an export of an imported instance). */
    record Host(FuncType type, TypedHostFunction function, HostCall call) implements ComponentFunc {}

    /** {@code canon lift}: a core function of this instance seen as a component function. */
    record Lifted(FuncType type, Value coreFunc, CanonOptions options, Value postReturn) implements ComponentFunc {}
}
