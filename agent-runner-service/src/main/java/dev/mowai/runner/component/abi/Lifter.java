package dev.mowai.runner.component.abi;

import dev.mowai.runner.component.types.ByteList;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Case;
import dev.mowai.runner.component.types.Val;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads component values out of core values and guest memory (the spec's {@code lift_flat} and
 * {@code load}). Everything the guest controls is validated; a violation is a {@link Trap}.
 */
final class Lifter {
    private final CanonOptions opts;
    private final HandleTables tables;
    private final Budget budget;

    Lifter(CanonOptions opts, HandleTables tables) {
        this.opts = opts;
        this.tables = tables;
        this.budget = new Budget(opts.limits());
    }

    static GuestMemory memory(CanonOptions opts, String what) {
        if (opts.memory() == null) {
            throw new Trap("the component gave no memory canon option, but a " + what + " crosses the boundary");
        }
        return opts.memory();
    }

    /** Core values in order, read by the type the consumer wants. */
    static final class FlatReader {
        private final Object[] values;
        private int next;

        FlatReader(Object[] values, int start) {
            this.values = values;
            this.next = start;
        }

        Object next(CoreType want) {
            if (next >= values.length) {
                throw new IllegalArgumentException("too few core values: wanted " + want + " at position " + next);
            }
            Object v = values[next++];
            boolean ok = switch (want) {
                case I32 -> v instanceof Integer;
                case I64 -> v instanceof Long;
                case F32 -> v instanceof Float;
                case F64 -> v instanceof Double;
            };
            if (!ok) {
                throw new IllegalArgumentException("core value " + (next - 1) + " is " + v + ", expected " + want);
            }
            return v;
        }

        int i32() {
            return (Integer) next(CoreType.I32);
        }

        long i64() {
            return (Long) next(CoreType.I64);
        }
    }

    Val liftFlat(ValType t, FlatReader in) {
        return switch (t) {
            case ValType.Primitive p -> switch (p) {
                case BOOL -> new Val.Bool(in.i32() != 0);
                case S8 -> new Val.S8((byte) in.i32());
                case U8 -> new Val.U8(in.i32() & 0xff);
                case S16 -> new Val.S16((short) in.i32());
                case U16 -> new Val.U16(in.i32() & 0xffff);
                case S32 -> new Val.S32(in.i32());
                case U32 -> new Val.U32(Integer.toUnsignedLong(in.i32()));
                case S64 -> new Val.S64(in.i64());
                case U64 -> new Val.U64(in.i64());
                case F32 -> new Val.F32(canonical((Float) in.next(CoreType.F32)));
                case F64 -> new Val.F64(canonical((Double) in.next(CoreType.F64)));
                case CHAR -> new Val.Char(toChar(in.i32()));
                case STRING -> {
                    long ptr = Integer.toUnsignedLong(in.i32());
                    long len = Integer.toUnsignedLong(in.i32());
                    yield new Val.Str(Strings.load(opts, budget, ptr, len));
                }
            };
            case ValType.ListType l -> {
                long ptr = Integer.toUnsignedLong(in.i32());
                long len = Integer.toUnsignedLong(in.i32());
                yield loadList(l.element(), ptr, len);
            }
            case ValType.RecordType r -> {
                List<Val> fields = new ArrayList<>(r.fields().size());
                for (ValType.Field f : r.fields()) {
                    fields.add(liftFlat(f.type(), in));
                }
                yield new Val.RecordVal(fields);
            }
            case ValType.TupleType tu -> {
                List<Val> elems = new ArrayList<>(tu.types().size());
                for (ValType e : tu.types()) {
                    elems.add(liftFlat(e, in));
                }
                yield new Val.TupleVal(elems);
            }
            case ValType.VariantType v -> liftFlatVariant(t, v.cases(), in);
            case ValType.EnumType e -> liftFlatVariant(t, Layout.enumCases(e), in);
            case ValType.OptionType o -> liftFlatVariant(t, Layout.optionCases(o), in);
            case ValType.ResultType r -> liftFlatVariant(t, Layout.resultCases(r), in);
            case ValType.FlagsType f -> {
                int n = f.names().size();
                int[] words = new int[Flattening.flagsI32Count(n)];
                for (int i = 0; i < words.length; i++) {
                    words[i] = in.i32();
                }
                yield flags(n, words);
            }
            case ValType.Own o -> new Val.Own(o.resource(), tables.removeOwn(o.resource(), in.i32()));
            case ValType.Borrow b -> new Val.Borrow(b.resource(), tables.lend(b.resource(), in.i32()));
        };
    }

    /**
     * The payload slots were joined over all cases; read them all, then hand the case its own flat
     * types back (undoing the i32/f32/i64/f64 coercions the lowering side applied).
     */
    private Val liftFlatVariant(ValType t, List<Case> cases, FlatReader in) {
        int caseIndex = in.i32();
        List<CoreType> joined = Flattening.flattenVariant(cases);
        Object[] slots = new Object[joined.size() - 1];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = in.next(joined.get(i + 1));
        }
        if (Integer.toUnsignedLong(caseIndex) >= cases.size()) {
            throw new Trap("variant discriminant " + Integer.toUnsignedString(caseIndex) + " is out of range for "
                    + cases.size() + " cases");
        }
        Case c = cases.get(caseIndex);
        Optional<Val> payload = Optional.empty();
        if (c.type().isPresent()) {
            List<CoreType> want = Flattening.flatten(c.type().get());
            Object[] coerced = new Object[want.size()];
            for (int i = 0; i < coerced.length; i++) {
                coerced[i] = uncoerce(slots[i], want.get(i));
            }
            payload = Optional.of(liftFlat(c.type().get(), new FlatReader(coerced, 0)));
        }
        return variantVal(t, caseIndex, payload);
    }

    private static Object uncoerce(Object have, CoreType want) {
        return switch (want) {
            case I32 -> have instanceof Long l ? (int) (long) l : have;
            case F32 -> have instanceof Integer i ? Float.intBitsToFloat(i)
                    : have instanceof Long l ? Float.intBitsToFloat((int) (long) l) : have;
            case F64 -> have instanceof Long l ? Double.longBitsToDouble(l) : have;
            case I64 -> have;
        };
    }

    static Val variantVal(ValType t, int caseIndex, Optional<Val> payload) {
        return switch (t) {
            case ValType.VariantType v -> new Val.VariantVal(caseIndex, payload);
            case ValType.EnumType e -> new Val.EnumVal(caseIndex);
            case ValType.OptionType o -> new Val.OptionVal(payload);
            case ValType.ResultType r -> new Val.ResultVal(caseIndex == 0, payload);
            default -> throw new IllegalStateException("not a variant type: " + t);
        };
    }

    Val load(ValType t, long ptr) {
        GuestMemory mem = memory(opts, "value in memory");
        return switch (t) {
            case ValType.Primitive p -> switch (p) {
                case BOOL -> new Val.Bool(mem.load8(ptr) != 0);
                case S8 -> new Val.S8(mem.load8(ptr));
                case U8 -> new Val.U8(mem.load8(ptr) & 0xff);
                case S16 -> new Val.S16(mem.load16(ptr));
                case U16 -> new Val.U16(mem.load16(ptr) & 0xffff);
                case S32 -> new Val.S32(mem.load32(ptr));
                case U32 -> new Val.U32(Integer.toUnsignedLong(mem.load32(ptr)));
                case S64 -> new Val.S64(mem.load64(ptr));
                case U64 -> new Val.U64(mem.load64(ptr));
                case F32 -> new Val.F32(canonical(Float.intBitsToFloat(mem.load32(ptr))));
                case F64 -> new Val.F64(canonical(Double.longBitsToDouble(mem.load64(ptr))));
                case CHAR -> new Val.Char(toChar(mem.load32(ptr)));
                case STRING -> new Val.Str(Strings.load(opts, budget,
                        Integer.toUnsignedLong(mem.load32(ptr)), Integer.toUnsignedLong(mem.load32(ptr + 4))));
            };
            case ValType.ListType l -> loadList(l.element(),
                    Integer.toUnsignedLong(mem.load32(ptr)), Integer.toUnsignedLong(mem.load32(ptr + 4)));
            case ValType.RecordType r -> new Val.RecordVal(loadFields(Layout.fieldTypes(r), ptr));
            case ValType.TupleType tu -> new Val.TupleVal(loadFields(tu.types(), ptr));
            case ValType.VariantType v -> loadVariant(t, v.cases(), ptr);
            case ValType.EnumType e -> loadVariant(t, Layout.enumCases(e), ptr);
            case ValType.OptionType o -> loadVariant(t, Layout.optionCases(o), ptr);
            case ValType.ResultType r -> loadVariant(t, Layout.resultCases(r), ptr);
            case ValType.FlagsType f -> {
                int n = f.names().size();
                int size = Layout.flagsSize(n);
                int[] words;
                if (size == 1) {
                    words = new int[] {mem.load8(ptr) & 0xff};
                } else if (size == 2) {
                    words = new int[] {mem.load16(ptr) & 0xffff};
                } else {
                    words = new int[size / 4];
                    for (int i = 0; i < words.length; i++) {
                        words[i] = mem.load32(ptr + 4L * i);
                    }
                }
                yield flags(n, words);
            }
            case ValType.Own o -> new Val.Own(o.resource(), tables.removeOwn(o.resource(), mem.load32(ptr)));
            case ValType.Borrow b -> new Val.Borrow(b.resource(), tables.lend(b.resource(), mem.load32(ptr)));
        };
    }

    /** Loads a whole value after checking that its pointer is aligned and in bounds (spilled values). */
    Val loadChecked(ValType t, long ptr, String what) {
        checkPointer(opts, t, ptr, what);
        return load(t, ptr);
    }

    static void checkPointer(CanonOptions opts, ValType t, long ptr, String what) {
        GuestMemory mem = memory(opts, what);
        int alignment = Layout.alignment(t);
        if (ptr % alignment != 0) {
            throw new Trap(what + " pointer 0x" + Long.toHexString(ptr) + " is not " + alignment + "-byte aligned");
        }
        if (ptr + Layout.size(t) > mem.size()) {
            throw new Trap(what + " pointer 0x" + Long.toHexString(ptr) + " + " + Layout.size(t)
                    + " bytes is beyond guest memory (" + mem.size() + " bytes)");
        }
    }

    private List<Val> loadFields(List<ValType> types, long ptr) {
        int[] offsets = Layout.fieldOffsets(types);
        List<Val> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            out.add(load(types.get(i), ptr + offsets[i]));
        }
        return out;
    }

    private Val loadVariant(ValType t, List<Case> cases, long ptr) {
        GuestMemory mem = opts.memory();
        long caseIndex = switch (Layout.discriminantSize(cases.size())) {
            case 1 -> mem.load8(ptr) & 0xff;
            case 2 -> mem.load16(ptr) & 0xffff;
            default -> Integer.toUnsignedLong(mem.load32(ptr));
        };
        if (caseIndex >= cases.size()) {
            throw new Trap("variant discriminant " + caseIndex + " at 0x" + Long.toHexString(ptr)
                    + " is out of range for " + cases.size() + " cases");
        }
        Case c = cases.get((int) caseIndex);
        Optional<Val> payload = c.type().isPresent()
                ? Optional.of(load(c.type().get(), ptr + Layout.payloadOffset(cases)))
                : Optional.empty();
        return variantVal(t, (int) caseIndex, payload);
    }

    private Val loadList(ValType elem, long ptr, long length) {
        GuestMemory mem = memory(opts, "list");
        int alignment = Layout.alignment(elem);
        int size = Layout.size(elem);
        if (ptr % alignment != 0) {
            throw new Trap("list pointer 0x" + Long.toHexString(ptr) + " is not " + alignment + "-byte aligned");
        }
        if (ptr + length * size > mem.size()) {
            throw new Trap("list of " + length + " elements of " + size + " bytes at 0x" + Long.toHexString(ptr)
                    + " ends beyond guest memory (" + mem.size() + " bytes)");
        }
        budget.list(length, size);
        if (elem == ValType.Primitive.U8 || elem == ValType.Primitive.S8) {
            // one byte of heap per element, read in bulk
            byte[] bytes = new byte[(int) length];
            mem.read(ptr, bytes, 0, bytes.length);
            return new Val.ListVal(elem == ValType.Primitive.U8 ? ByteList.unsigned(bytes) : ByteList.signed(bytes));
        }
        budget.values(length);
        List<Val> out = new ArrayList<>((int) length);
        for (long i = 0; i < length; i++) {
            out.add(load(elem, ptr + i * size));
        }
        return new Val.ListVal(out);
    }

    private static Val flags(int count, int[] words) {
        Set<Integer> set = new HashSet<>();
        for (int i = 0; i < count; i++) {
            if ((words[i / 32] >>> (i % 32) & 1) != 0) {
                set.add(i);
            }
        }
        return new Val.FlagsVal(set);
    }

    static int toChar(int i) {
        if (Integer.compareUnsigned(i, 0x110000) >= 0) {
            throw new Trap("char value 0x" + Integer.toHexString(i) + " is beyond U+10FFFF");
        }
        if (i >= 0xD800 && i <= 0xDFFF) {
            throw new Trap("char value 0x" + Integer.toHexString(i) + " is a surrogate, not a Unicode scalar value");
        }
        return i;
    }

    /** NaN sign and payload bits are not observable across the boundary: one NaN per type. */
    private static float canonical(float f) {
        return Float.isNaN(f) ? Float.NaN : f;
    }

    private static double canonical(double d) {
        return Double.isNaN(d) ? Double.NaN : d;
    }
}
