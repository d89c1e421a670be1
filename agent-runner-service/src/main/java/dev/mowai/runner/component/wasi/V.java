package dev.mowai.runner.component.wasi;

import dev.mowai.runner.component.abi.Trap;
import dev.mowai.runner.component.types.ByteList;
import dev.mowai.runner.component.types.ResourceType;
import dev.mowai.runner.component.types.Val;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Short constructors and accessors for {@link Val}s, so host functions stay readable. */
final class V {
    static final Optional<Val> NOTHING = Optional.empty();
    static final Val OK = new Val.ResultVal(true, Optional.empty());
    static final Val NONE = new Val.OptionVal(Optional.empty());

    private V() {
    }

    static Optional<Val> ret(Val v) {
        return Optional.of(v);
    }

    static Val ok(Val payload) {
        return new Val.ResultVal(true, Optional.of(payload));
    }

    static Val err(Val payload) {
        return new Val.ResultVal(false, Optional.of(payload));
    }

    static Val errEmpty() {
        return new Val.ResultVal(false, Optional.empty());
    }

    static Val some(Val v) {
        return new Val.OptionVal(Optional.of(v));
    }

    static Val u8(int v) {
        return new Val.U8(v & 0xff);
    }

    static Val u32(long v) {
        return new Val.U32(v & 0xffff_ffffL);
    }

    static Val u64(long v) {
        return new Val.U64(v);
    }

    static Val bool(boolean v) {
        return new Val.Bool(v);
    }

    static Val str(String s) {
        return new Val.Str(s);
    }

    static Val enumCase(int index) {
        return new Val.EnumVal(index);
    }

    static Val variant(int index) {
        return new Val.VariantVal(index, Optional.empty());
    }

    static Val variant(int index, Val payload) {
        return new Val.VariantVal(index, Optional.of(payload));
    }

    static Val tuple(Val... elements) {
        return new Val.TupleVal(List.of(elements));
    }

    static Val record(Val... fields) {
        return new Val.RecordVal(List.of(fields));
    }

    static Val list(List<Val> elements) {
        return new Val.ListVal(elements);
    }

    static Val own(ResourceType type, Object rep) {
        return new Val.Own(type, rep);
    }

    /** A {@code list<u8>} of {@code data} (not copied: the caller hands it over). */
    static Val bytes(byte[] data) {
        return new Val.ListVal(ByteList.unsigned(data));
    }

    // ---- accessors for lifted arguments; a mismatch is a host wiring bug, reported as a trap ----

    static byte[] bytesOf(Val v) {
        List<Val> elements = as(Val.ListVal.class, v).elements();
        if (elements instanceof ByteList b && !b.isSigned()) {
            return b.toByteArray();
        }
        byte[] out = new byte[elements.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) as(Val.U8.class, elements.get(i)).value();
        }
        return out;
    }

    static long u64Of(Val v) {
        return as(Val.U64.class, v).value();
    }

    static long u32Of(Val v) {
        return as(Val.U32.class, v).value();
    }

    static int u8Of(Val v) {
        return as(Val.U8.class, v).value();
    }

    static int u16Of(Val v) {
        return as(Val.U16.class, v).value();
    }

    static boolean boolOf(Val v) {
        return as(Val.Bool.class, v).value();
    }

    static String strOf(Val v) {
        return as(Val.Str.class, v).value();
    }

    static List<Val> listOf(Val v) {
        return as(Val.ListVal.class, v).elements();
    }

    static Optional<Val> optionOf(Val v) {
        return as(Val.OptionVal.class, v).value();
    }

    /** The host representation behind an own or borrow handle, checked against the expected class. */
    static <T> T rep(Val v, Class<T> repClass) {
        Object rep = switch (v) {
            case Val.Own o -> o.rep();
            case Val.Borrow b -> b.rep();
            default -> throw new Trap("expected a resource handle, got " + v);
        };
        if (!repClass.isInstance(rep)) {
            throw new Trap("handle refers to " + rep.getClass().getSimpleName() + ", expected "
                    + repClass.getSimpleName());
        }
        return repClass.cast(rep);
    }

    static <T extends Val> T as(Class<T> type, Val v) {
        if (!type.isInstance(v)) {
            throw new Trap("expected a " + type.getSimpleName() + " value, got " + v);
        }
        return type.cast(v);
    }
}
