package dev.mowai.runner.component.host;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed component import or export name: either an interface name
 * ({@code namespace:package/interface@version}, version optional) or a plain kebab-case name such
 * as a world-level function ({@code host-llm}).
 *
 * @param text        the name exactly as written
 * @param qualified   the interface name without its version ({@code wasi:io/streams}), or the plain name
 * @param version     the version, when the name carries one
 * @param isInterface whether the name has the {@code ns:pkg/iface} shape
 */
public record ImportName(String text, String qualified, Optional<SemVer> version, boolean isInterface) {

    // kebab-case words: a letter first, then letters/digits; words joined by single dashes.
    private static final String WORD = "[a-zA-Z][a-zA-Z0-9]*";
    private static final String KEBAB = WORD + "(?:-" + WORD + ")*";
    private static final Pattern PLAIN = Pattern.compile(KEBAB);
    private static final Pattern INTERFACE = Pattern.compile(KEBAB + "(?::" + KEBAB + ")+(?:/" + KEBAB + ")+");
    private static final int MAX_LENGTH = 1024;

    public ImportName {
        version = version == null ? Optional.empty() : version;
    }

    /** Parses a name; a name of neither shape gets an {@link IllegalArgumentException} naming it. */
    public static ImportName parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty import name");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("import name longer than " + MAX_LENGTH + " characters: '"
                    + text.substring(0, 64) + "…'");
        }
        int at = text.indexOf('@');
        String base = at < 0 ? text : text.substring(0, at);
        Optional<SemVer> version = Optional.empty();
        if (at >= 0) {
            String v = text.substring(at + 1);
            version = Optional.of(SemVer.tryParse(v).orElseThrow(() -> new IllegalArgumentException(
                    "import '" + text + "' has an invalid version '" + v + "' (expected MAJOR.MINOR.PATCH)")));
        }
        if (INTERFACE.matcher(base).matches()) {
            return new ImportName(text, base, version, true);
        }
        if (version.isEmpty() && PLAIN.matcher(base).matches()) {
            return new ImportName(text, base, Optional.empty(), false);
        }
        throw new IllegalArgumentException("'" + text + "' is neither a kebab-case name nor an interface name "
                + "of the form namespace:package/interface[@version]");
    }
}
