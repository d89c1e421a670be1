package dev.mowai.runner.component.binary;

/** The type of an import or export ({@code externdesc}); indices refer to the type index space. */
public sealed interface ExternDesc {

    Sort sort();

    record CoreModuleDesc(int coreTypeIndex) implements ExternDesc {
        public Sort sort() { return Sort.CORE_MODULE; }
    }

    record FuncDesc(int typeIndex) implements ExternDesc {
        public Sort sort() { return Sort.FUNC; }
    }

    /** A value import/export: either equal to value {@code index} or of a value type. */
    record ValueDesc(boolean isEqualToValue, int valueIndex, TypeRef type) implements ExternDesc {
        public Sort sort() { return Sort.VALUE; }
    }

    /** {@code (type (eq i))}. */
    record TypeEq(int typeIndex) implements ExternDesc {
        public Sort sort() { return Sort.TYPE; }
    }

    /** {@code (type (sub resource))}: a fresh abstract resource type. */
    record TypeSubResource() implements ExternDesc {
        public Sort sort() { return Sort.TYPE; }
    }

    record ComponentDesc(int typeIndex) implements ExternDesc {
        public Sort sort() { return Sort.COMPONENT; }
    }

    record InstanceDesc(int typeIndex) implements ExternDesc {
        public Sort sort() { return Sort.INSTANCE; }
    }
}
