package dev.mowai.runner.component.abi;

import dev.mowai.runner.component.types.ByteList;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Case;
import dev.mowai.runner.component.types.Val;

import java.util.List;
import java.util.Optional;

/**
 * Writes (already {@link HostValues checked}) host values as core values and into guest memory
 * (the spec's {@code lower_flat} and {@code store}).
 */
final class Lowerer {
    private final CanonOptions opts;
    private final HandleTables tables;

    Lowerer(CanonOptions opts, HandleTables tables) {
        this.opts = opts;
        this.tables = tables;
    }

    /** A variant-like value as its case index and payload. */
    record CaseVal(int index, Optional<Val> payload) {}

    static CaseVal caseOf(ValType t, Val v) {
        return switch (t) {
            case ValType.VariantType vt -> {
                Val.VariantVal x = HostValues.as(Val.VariantVal.class, t, v);
                yield new CaseVal(x.caseIndex(), x.payload());
            }
            case ValType.EnumType e -> new CaseVal(HostValues.as(Val.EnumVal.class, t, v).caseIndex(), Optional.empty());
            case ValType.OptionType o -> {
                Optional<Val> x = HostValues.as(Val.OptionVal.class, t, v).value();
                yield new CaseVal(x.isPresent() ? 1 : 0, x);
            }
            case ValType.ResultType r -> {
                Val.ResultVal x = HostValues.as(Val.ResultVal.class, t, v);
                yield new CaseVal(x.isOk() ? 0 : 1, x.payload());
            }
            default -> throw new IllegalStateException("not a variant type: " + t);
        };
    }

    static List<Case> casesOf(ValType t) {
        return switch (t) {
            case ValType.VariantType vt -> vt.cases();
            case ValType.EnumType e -> Layout.enumCases(e);
            case ValType.OptionType o -> Layout.optionCases(o);
            case ValType.ResultType r -> Layout.resultCases(r);
            default -> throw new IllegalStateException("not a variant type: " + t);
        };
    }

    void lowerFlat(ValType t, Val v, List<Object> out) {
        switch (t) {
            case ValType.Primitive p -> {
                switch (p) {
                    case BOOL -> out.add(((Val.Bool) v).value() ? 1 : 0);
                    case S8 -> out.add((int) ((Val.S8) v).value());
                    case U8 -> out.add(((Val.U8) v).value());
                    case S16 -> out.add((int) ((Val.S16) v).value());
                    case U16 -> out.add(((Val.U16) v).value());
                    case S32 -> out.add(((Val.S32) v).value());
                    case U32 -> out.add((int) ((Val.U32) v).value());
                    case S64 -> out.add(((Val.S64) v).value());
                    case U64 -> out.add(((Val.U64) v).value());
                    case F32 -> out.add(((Val.F32) v).value());
                    case F64 -> out.add(((Val.F64) v).value());
                    case CHAR -> out.add(((Val.Char) v).codePoint());
                    case STRING -> {
                        Strings.Stored s = Strings.store(opts, ((Val.Str) v).value());
                        out.add((int) s.ptr());
                        out.add((int) s.taggedCodeUnits());
                    }
                }
            }
            case ValType.ListType l -> {
                List<Val> elems = ((Val.ListVal) v).elements();
                out.add((int) storeList(l.element(), elems));
                out.add(elems.size());
            }
            case ValType.RecordType r -> {
                List<Val> fields = ((Val.RecordVal) v).fields();
                for (int i = 0; i < fields.size(); i++) {
                    lowerFlat(r.fields().get(i).type(), fields.get(i), out);
                }
            }
            case ValType.TupleType tu -> {
                List<Val> elems = ((Val.TupleVal) v).elements();
                for (int i = 0; i < elems.size(); i++) {
                    lowerFlat(tu.types().get(i), elems.get(i), out);
                }
            }
            case ValType.VariantType vt -> lowerFlatVariant(t, v, out);
            case ValType.EnumType e -> lowerFlatVariant(t, v, out);
            case ValType.OptionType o -> lowerFlatVariant(t, v, out);
            case ValType.ResultType r -> lowerFlatVariant(t, v, out);
            case ValType.FlagsType f -> {
                for (int word : flagWords(f.names().size(), (Val.FlagsVal) v)) {
                    out.add(word);
                }
            }
            case ValType.Own o -> out.add(tables.insertOwn(o.resource(), ((Val.Own) v).rep()));
            case ValType.Borrow b -> out.add(tables.lowerBorrow(b.resource(), ((Val.Borrow) v).rep()));
        }
    }

    /**
     * Discriminant, then the case's flat payload coerced into the joined slot types, then zeros for
     * the slots this case does not use.
     */
    private void lowerFlatVariant(ValType t, Val v, List<Object> out) {
        List<Case> cases = casesOf(t);
        CaseVal c = caseOf(t, v);
        List<CoreType> joined = Flattening.flattenVariant(cases);
        out.add(c.index());
        int used = 0;
        if (c.payload().isPresent()) {
            List<Object> payload = new java.util.ArrayList<>();
            lowerFlat(cases.get(c.index()).type().get(), c.payload().get(), payload);
            for (Object x : payload) {
                out.add(coerce(x, joined.get(1 + used)));
                used++;
            }
        }
        for (int i = 1 + used; i < joined.size(); i++) {
            out.add(zero(joined.get(i)));
        }
    }

    private static Object coerce(Object x, CoreType slot) {
        return switch (slot) {
            case I32 -> x instanceof Float f ? Float.floatToRawIntBits(f) : x;
            case I64 -> switch (x) {
                case Integer i -> Integer.toUnsignedLong(i);
                case Float f -> Integer.toUnsignedLong(Float.floatToRawIntBits(f));
                case Double d -> Double.doubleToRawLongBits(d);
                default -> x;
            };
            case F32, F64 -> x;
        };
    }

    private static Object zero(CoreType t) {
        return switch (t) {
            case I32 -> 0;
            case I64 -> 0L;
            case F32 -> 0.0f;
            case F64 -> 0.0d;
        };
    }

    void store(ValType t, Val v, long ptr) {
        GuestMemory mem = Lifter.memory(opts, "value in memory");
        switch (t) {
            case ValType.Primitive p -> {
                switch (p) {
                    case BOOL -> mem.store8(ptr, (byte) (((Val.Bool) v).value() ? 1 : 0));
                    case S8 -> mem.store8(ptr, ((Val.S8) v).value());
                    case U8 -> mem.store8(ptr, (byte) ((Val.U8) v).value());
                    case S16 -> mem.store16(ptr, ((Val.S16) v).value());
                    case U16 -> mem.store16(ptr, (short) ((Val.U16) v).value());
                    case S32 -> mem.store32(ptr, ((Val.S32) v).value());
                    case U32 -> mem.store32(ptr, (int) ((Val.U32) v).value());
                    case S64 -> mem.store64(ptr, ((Val.S64) v).value());
                    case U64 -> mem.store64(ptr, ((Val.U64) v).value());
                    case F32 -> mem.store32(ptr, Float.floatToRawIntBits(((Val.F32) v).value()));
                    case F64 -> mem.store64(ptr, Double.doubleToRawLongBits(((Val.F64) v).value()));
                    case CHAR -> mem.store32(ptr, ((Val.Char) v).codePoint());
                    case STRING -> {
                        Strings.Stored s = Strings.store(opts, ((Val.Str) v).value());
                        mem.store32(ptr, (int) s.ptr());
                        mem.store32(ptr + 4, (int) s.taggedCodeUnits());
                    }
                }
            }
            case ValType.ListType l -> {
                List<Val> elems = ((Val.ListVal) v).elements();
                long begin = storeList(l.element(), elems);
                mem.store32(ptr, (int) begin);
                mem.store32(ptr + 4, elems.size());
            }
            case ValType.RecordType r -> storeFields(Layout.fieldTypes(r), ((Val.RecordVal) v).fields(), ptr);
            case ValType.TupleType tu -> storeFields(tu.types(), ((Val.TupleVal) v).elements(), ptr);
            case ValType.VariantType vt -> storeVariant(t, v, ptr);
            case ValType.EnumType e -> storeVariant(t, v, ptr);
            case ValType.OptionType o -> storeVariant(t, v, ptr);
            case ValType.ResultType r -> storeVariant(t, v, ptr);
            case ValType.FlagsType f -> {
                int n = f.names().size();
                int[] words = flagWords(n, (Val.FlagsVal) v);
                switch (Layout.flagsSize(n)) {
                    case 0 -> { }
                    case 1 -> mem.store8(ptr, (byte) words[0]);
                    case 2 -> mem.store16(ptr, (short) words[0]);
                    default -> {
                        for (int i = 0; i < words.length; i++) {
                            mem.store32(ptr + 4L * i, words[i]);
                        }
                    }
                }
            }
            case ValType.Own o -> mem.store32(ptr, tables.insertOwn(o.resource(), ((Val.Own) v).rep()));
            case ValType.Borrow b -> mem.store32(ptr, tables.lowerBorrow(b.resource(), ((Val.Borrow) v).rep()));
        }
    }

    /** Stores a whole value at a guest-chosen pointer after checking alignment and bounds. */
    void storeChecked(ValType t, Val v, long ptr, String what) {
        Lifter.checkPointer(opts, t, ptr, what);
        store(t, v, ptr);
    }

    private void storeFields(List<ValType> types, List<Val> values, long ptr) {
        int[] offsets = Layout.fieldOffsets(types);
        for (int i = 0; i < types.size(); i++) {
            store(types.get(i), values.get(i), ptr + offsets[i]);
        }
    }

    private void storeVariant(ValType t, Val v, long ptr) {
        GuestMemory mem = opts.memory();
        List<Case> cases = casesOf(t);
        CaseVal c = caseOf(t, v);
        switch (Layout.discriminantSize(cases.size())) {
            case 1 -> mem.store8(ptr, (byte) c.index());
            case 2 -> mem.store16(ptr, (short) c.index());
            default -> mem.store32(ptr, c.index());
        }
        if (c.payload().isPresent()) {
            store(cases.get(c.index()).type().get(), c.payload().get(), ptr + Layout.payloadOffset(cases));
        }
    }

    /** Allocates the list with realloc and stores its elements; returns the list's address. */
    private long storeList(ValType elem, List<Val> elems) {
        int alignment = Layout.alignment(elem);
        long byteLength = (long) elems.size() * Layout.size(elem);
        if (byteLength >= 1L << 32) {
            throw new Trap("list of " + elems.size() + " elements needs " + byteLength + " bytes, beyond 32-bit memory");
        }
        long ptr = Strings.realloc(opts, 0, 0, alignment, byteLength);
        if (ptr % alignment != 0) {
            throw new Trap("realloc returned 0x" + Long.toHexString(ptr) + ", not " + alignment + "-byte aligned");
        }
        Strings.checkRange(opts, ptr, byteLength);
        int size = Layout.size(elem);
        if (elem == ValType.Primitive.U8 || elem == ValType.Primitive.S8) {
            storeBytes(elem, elems, ptr);
            return ptr;
        }
        for (int i = 0; i < elems.size(); i++) {
            store(elem, elems.get(i), ptr + (long) i * size);
        }
        return ptr;
    }

    /** list<u8>/list<s8> in one bulk write (byte buffers are common and per-byte stores are slow). */
    private void storeBytes(ValType elem, List<Val> elems, long ptr) {
        if (elems instanceof ByteList b && b.isSigned() == (elem == ValType.Primitive.S8)) {
            b.writeTo((src, off, len) -> opts.memory().write(ptr, src, off, len));
            return;
        }
        byte[] bytes = new byte[elems.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = elem == ValType.Primitive.U8 ? (byte) ((Val.U8) elems.get(i)).value() : ((Val.S8) elems.get(i)).value();
        }
        opts.memory().write(ptr, bytes, 0, bytes.length);
    }

    private static int[] flagWords(int count, Val.FlagsVal v) {
        int[] words = new int[Flattening.flagsI32Count(count)];
        for (int i : v.set()) {
            words[i / 32] |= 1 << (i % 32);
        }
        return words;
    }
}
