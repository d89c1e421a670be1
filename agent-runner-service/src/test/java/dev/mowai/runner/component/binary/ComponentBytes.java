package dev.mowai.runner.component.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes component binaries by hand for tests that need shapes no toolchain emits (hostile type
 * sections, thousands of exports): sections, LEB128 numbers, names.
 */
public final class ComponentBytes {
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();

    public ComponentBytes() {
        file.writeBytes(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0});
    }

    /** Appends section {@code id} with {@code count} entries already encoded in {@code body}. */
    public ComponentBytes section(int id, int count, ByteArrayOutputStream body) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        u32(content, count);
        content.writeBytes(body.toByteArray());
        file.write(id);
        u32(file, content.size());
        file.writeBytes(content.toByteArray());
        return this;
    }

    public byte[] bytes() {
        return file.toByteArray();
    }

    public static void u32(ByteArrayOutputStream out, long value) {
        Leb128.writeUnsigned(out, value);
    }

    public static void name(ByteArrayOutputStream out, String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        u32(out, utf8.length);
        out.writeBytes(utf8);
    }

    /** An export entry of a type: plain name, sort type, the index, no ascribed type. */
    public static void typeExport(ByteArrayOutputStream out, String name, int typeIndex) {
        out.write(0x00);
        name(out, name);
        out.write(0x03);
        u32(out, typeIndex);
        out.write(0x00);
    }
}
