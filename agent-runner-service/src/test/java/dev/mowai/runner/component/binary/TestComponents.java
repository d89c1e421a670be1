package dev.mowai.runner.component.binary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the checked-in test components (built from WAT by src/test/resources/components/build.sh). */
public final class TestComponents {
    private TestComponents() {
    }

    public static byte[] load(String name) {
        try (InputStream in = TestComponents.class.getResourceAsStream("/components/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test component " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
