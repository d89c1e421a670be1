package dev.mowai.runner.component.abi;

/** The {@code string-encoding} canon option. */
public enum StringEncoding {
    UTF8,
    UTF16,
    /** Latin-1 when every code point fits, otherwise UTF-16 marked by the high bit of the length. */
    LATIN1_UTF16
}
