package dev.mowai.runner.component.abi;

import dev.mowai.runner.component.types.ByteList;
import dev.mowai.runner.component.types.ValType;
import dev.mowai.runner.component.types.ValType.Case;
import dev.mowai.runner.component.types.Val;

import java.util.List;
import java.util.Optional;

/**
 * Checks a host value against its type and the boundary caps before anything is written into the
 * guest, so that a bad or oversized host value fails without touching guest state.
 */
final class HostValues {
    private final StringEncoding encoding;
    private final Budget budget;

    HostValues(CanonOptions opts) {
        this.encoding = opts.encoding();
        this.budget = new Budget(opts.limits());
    }

    void check(ValType t, Val v) {
        switch (t) {
            case ValType.Primitive p -> checkPrimitive(p, v);
            case ValType.ListType l -> {
                List<Val> elems = as(Val.ListVal.class, t, v).elements();
                budget.list(elems.size(), Layout.size(l.element()));
                if (elems instanceof ByteList b && b.isSigned() == (l.element() == ValType.Primitive.S8)
                        && (l.element() == ValType.Primitive.U8 || l.element() == ValType.Primitive.S8)) {
                    return; // every byte is a valid u8 (s8)
                }
                for (Val e : elems) {
                    check(l.element(), e);
                }
            }
            case ValType.RecordType r -> {
                List<Val> fields = as(Val.RecordVal.class, t, v).fields();
                requireCount("record fields", r.fields().size(), fields.size());
                for (int i = 0; i < fields.size(); i++) {
                    check(r.fields().get(i).type(), fields.get(i));
                }
            }
            case ValType.TupleType tu -> {
                List<Val> elems = as(Val.TupleVal.class, t, v).elements();
                requireCount("tuple elements", tu.types().size(), elems.size());
                for (int i = 0; i < elems.size(); i++) {
                    check(tu.types().get(i), elems.get(i));
                }
            }
            case ValType.VariantType vt -> checkCase(vt.cases(), Lowerer.caseOf(t, v));
            case ValType.EnumType e -> checkCase(Layout.enumCases(e), Lowerer.caseOf(t, v));
            case ValType.OptionType o -> checkCase(Layout.optionCases(o), Lowerer.caseOf(t, v));
            case ValType.ResultType r -> checkCase(Layout.resultCases(r), Lowerer.caseOf(t, v));
            case ValType.FlagsType f -> {
                for (int i : as(Val.FlagsVal.class, t, v).set()) {
                    if (i < 0 || i >= f.names().size()) {
                        throw new Trap("host value: flag index " + i + " is out of range for " + f.names().size() + " flags");
                    }
                }
            }
            case ValType.Own o -> {
                if (as(Val.Own.class, t, v).type() != o.resource()) {
                    throw new Trap("host value: own handle of " + ((Val.Own) v).type().name() + " where "
                            + o.resource().name() + " was expected");
                }
            }
            case ValType.Borrow b -> {
                if (as(Val.Borrow.class, t, v).type() != b.resource()) {
                    throw new Trap("host value: borrow handle of " + ((Val.Borrow) v).type().name() + " where "
                            + b.resource().name() + " was expected");
                }
            }
        }
    }

    private void checkPrimitive(ValType.Primitive p, Val v) {
        switch (p) {
            case BOOL -> as(Val.Bool.class, p, v);
            case S8 -> as(Val.S8.class, p, v);
            case S16 -> as(Val.S16.class, p, v);
            case S32 -> as(Val.S32.class, p, v);
            case S64 -> as(Val.S64.class, p, v);
            case U64 -> as(Val.U64.class, p, v);
            case F32 -> as(Val.F32.class, p, v);
            case F64 -> as(Val.F64.class, p, v);
            case U8 -> requireRange(p, as(Val.U8.class, p, v).value(), 0xff);
            case U16 -> requireRange(p, as(Val.U16.class, p, v).value(), 0xffff);
            case U32 -> requireRange(p, as(Val.U32.class, p, v).value(), 0xffffffffL);
            case CHAR -> {
                int cp = as(Val.Char.class, p, v).codePoint();
                if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    throw new Trap("host value: char 0x" + Integer.toHexString(cp) + " is not a Unicode scalar value");
                }
            }
            case STRING -> {
                String s = as(Val.Str.class, p, v).value();
                int bad = Strings.firstUnpairedSurrogate(s);
                if (bad >= 0) {
                    throw new Trap("host value: string has an unpaired surrogate at index " + bad);
                }
                budget.string(Strings.guestByteLength(s, encoding));
            }
        }
    }

    private void checkCase(List<Case> cases, Lowerer.CaseVal c) {
        if (c.index() < 0 || c.index() >= cases.size()) {
            throw new Trap("host value: case " + c.index() + " is out of range for " + cases.size() + " cases");
        }
        Optional<ValType> type = cases.get(c.index()).type();
        if (type.isPresent() != c.payload().isPresent()) {
            throw new Trap("host value: case " + cases.get(c.index()).name() + (type.isPresent()
                    ? " needs a payload" : " takes no payload"));
        }
        if (type.isPresent()) {
            check(type.get(), c.payload().get());
        }
    }

    private static void requireRange(ValType.Primitive p, long value, long max) {
        if (value < 0 || value > max) {
            throw new Trap("host value: " + value + " is out of range for " + p.name().toLowerCase());
        }
    }

    private static void requireCount(String what, int expected, int actual) {
        if (expected != actual) {
            throw new Trap("host value: " + actual + " " + what + " where " + expected + " were expected");
        }
    }

    static <T extends Val> T as(Class<T> cls, ValType t, Val v) {
        if (!cls.isInstance(v)) {
            throw new Trap("host value " + v + " does not match type " + t);
        }
        return cls.cast(v);
    }
}
