package dev.mowai.runner.component.host;

/** What a component import resolved to in a {@link HostLinker}. */
public sealed interface ResolvedImport {

    /** The import name as the component wrote it. */
    ImportName name();

    /** An instance import ({@code wasi:io/streams@0.2.3}) served by a host interface. */
    record Instance(ImportName name, HostInterface hostInterface) implements ResolvedImport {
        /** The per-function call descriptor for a function of this import. */
        public HostCall callFor(String function) {
            return new HostCall(name.text(), function);
        }
    }

    /** A plain world-level function import ({@code host-llm}). */
    record Function(ImportName name, TypedHostFunction function) implements ResolvedImport {
        public HostCall call() {
            return new HostCall(name.text(), name.text());
        }
    }
}
