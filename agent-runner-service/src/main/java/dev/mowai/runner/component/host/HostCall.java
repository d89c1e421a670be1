package dev.mowai.runner.component.host;

/**
 * What a host function learns about the call it serves. The linker builds one per resolved import
 * (so creating it costs nothing per call) and passes it to every invocation.
 *
 * @param importName the import the guest called through, e.g. {@code wasi:io/streams@0.2.3}
 *                   or {@code host-llm}; used in error messages
 * @param function   the function's name inside that import ({@code [method]output-stream.write}),
 *                   or the import name itself for a plain world-level function
 */
public record HostCall(String importName, String function) {

    /** {@code wasi:io/streams@0.2.3#[method]output-stream.write}, or just {@code host-llm}. */
    public String describe() {
        return importName.equals(function) ? importName : importName + "#" + function;
    }
}
