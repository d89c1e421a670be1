package dev.mowai.runner.component.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.types.FuncType;
import dev.mowai.runner.component.types.ResourceType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostInterfaceTest {

    static final FuncType NOTHING = new FuncType(List.of(), Optional.empty());
    static final HostFunction NOOP = (call, args) -> Optional.empty();

    @Test
    void keepsFunctionsAndResourcesInOrder() {
        HostResource stream = HostResource.withoutDestructor(new ResourceType("output-stream"));
        HostInterface i = HostInterface.builder("wasi:io/streams", "0.2.12")
                .resource(stream)
                .function("[method]output-stream.write", NOTHING, NOOP)
                .function("[static]output-stream.make", NOTHING, NOOP)
                .function("[constructor]output-stream", NOTHING, NOOP)
                .function("plain", NOTHING, NOOP)
                .build();
        assertEquals("wasi:io/streams@0.2.12", i.fullName());
        assertEquals(List.of("[method]output-stream.write", "[static]output-stream.make",
                "[constructor]output-stream", "plain"), List.copyOf(i.functions().keySet()));
        assertSame(stream, i.resource("output-stream").orElseThrow());
        assertTrue(i.function("missing").isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> i.functions().clear());
    }

    @Test
    void refusesMethodsOfUndeclaredResources() {
        var b = HostInterface.builder("wasi:io/streams", "0.2.12").function("[method]output-stream.write", NOTHING, NOOP);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("output-stream"), e.getMessage());
    }

    @Test
    void refusesBadNames() {
        assertThrows(IllegalArgumentException.class, () -> HostInterface.builder("wasi-io", "0.2.0").build());
        assertThrows(IllegalArgumentException.class, () -> HostInterface.builder("wasi:io/streams@0.2.0", "0.2.0").build());
        assertThrows(IllegalArgumentException.class, () -> HostInterface.builder("wasi:io/streams", "0.2").build());
        assertThrows(IllegalArgumentException.class,
                () -> HostInterface.builder("wasi:io/streams", "0.2.0").function("Not Kebab", NOTHING, NOOP).build());
        assertThrows(IllegalArgumentException.class,
                () -> HostInterface.builder("wasi:io/streams", "0.2.0").function("[method]nodot", NOTHING, NOOP).build());
        assertThrows(IllegalArgumentException.class, () -> HostInterface.builder("wasi:io/streams", "0.2.0")
                .resource(HostResource.withoutDestructor(new ResourceType("Bad_Name"))).build());
    }

    @Test
    void refusesDuplicates() {
        var b = HostInterface.builder("wasi:io/streams", "0.2.0").function("f", NOTHING, NOOP);
        assertThrows(IllegalArgumentException.class, () -> b.function("f", NOTHING, NOOP));
        var r = HostInterface.builder("wasi:io/streams", "0.2.0")
                .resource(HostResource.withoutDestructor(new ResourceType("x")));
        assertThrows(IllegalArgumentException.class,
                () -> r.resource(HostResource.withoutDestructor(new ResourceType("x"))));
    }
}
