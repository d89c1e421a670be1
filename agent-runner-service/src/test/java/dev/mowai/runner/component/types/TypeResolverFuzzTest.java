package dev.mowai.runner.component.types;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mowai.runner.component.binary.Component;
import dev.mowai.runner.component.binary.ComponentFormatException;
import dev.mowai.runner.component.binary.ComponentParser;
import dev.mowai.runner.component.binary.TestComponents;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mutated components that still parse must resolve or fail with a TypeResolutionException, nothing else. */
class TypeResolverFuzzTest {
    @Test
    void mutatedComponentsNeverEscapeAsAnotherException() {
        Random random = new Random(424242);
        ComponentParser parser = new ComponentParser();
        int resolved = 0;
        int refused = 0;
        for (String name : List.of("all-types.wasm", "resources.wasm", "reentrant.wasm", "nested-instantiate.wasm")) {
            byte[] valid = TestComponents.load(name);
            for (int round = 0; round < 5000; round++) {
                byte[] input = valid.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    input[8 + random.nextInt(input.length - 8)] = (byte) random.nextInt(256);
                }
                Component c;
                try {
                    c = parser.parse(input);
                } catch (ComponentFormatException e) {
                    continue;
                }
                try {
                    TypeResolver.resolve(c);
                    resolved++;
                } catch (TypeResolutionException e) {
                    refused++;
                }
            }
        }
        assertTrue(resolved > 0 && refused > 0, "resolved " + resolved + ", refused " + refused);
    }
}
