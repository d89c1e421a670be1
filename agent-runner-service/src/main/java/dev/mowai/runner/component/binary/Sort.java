package dev.mowai.runner.component.binary;

/** The kinds of definitions a component can index, core sorts first. */
public enum Sort {
    CORE_FUNC("core func"), CORE_TABLE("core table"), CORE_MEMORY("core memory"), CORE_GLOBAL("core global"),
    CORE_TYPE("core type"), CORE_MODULE("core module"), CORE_INSTANCE("core instance"),
    FUNC("func"), VALUE("value"), TYPE("type"), COMPONENT("component"), INSTANCE("instance");

    private final String text;

    Sort(String text) {
        this.text = text;
    }

    public boolean isCore() {
        return ordinal() <= CORE_INSTANCE.ordinal();
    }

    @Override
    public String toString() {
        return text;
    }
}
