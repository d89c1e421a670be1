package dev.mowai.runner.component.host;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as used in component import names ({@code wasi:io/streams@0.2.3}).
 * Build metadata is kept for display but ignored when comparing, as semver prescribes.
 */
public record SemVer(int major, int minor, int patch, String preRelease, String build)
        implements Comparable<SemVer> {

    private static final Pattern FORMAT = Pattern.compile(
            "(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    public SemVer {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version number in " + major + "." + minor + "." + patch);
        }
        preRelease = preRelease == null ? "" : preRelease;
        build = build == null ? "" : build;
    }

    public static SemVer of(int major, int minor, int patch) {
        return new SemVer(major, minor, patch, "", "");
    }

    /** Parses {@code MAJOR.MINOR.PATCH[-pre][+build]}; empty when the text is not such a version. */
    public static Optional<SemVer> tryParse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4), m.group(5)));
    }

    public static SemVer parse(String text) {
        return tryParse(text).orElseThrow(
                () -> new IllegalArgumentException("not a semantic version (MAJOR.MINOR.PATCH): '" + text + "'"));
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /**
     * The compatibility track, as wasmtime and the component model's semver rules define it: for
     * 1.x and above the major number, for 0.y (y &gt; 0) the minor number too, and for 0.0.z the
     * exact version. Pre-releases are on a track of their own.
     */
    public String track() {
        if (isPreRelease()) {
            return toString();
        }
        if (major > 0) {
            return major + "";
        }
        if (minor > 0) {
            return "0." + minor;
        }
        return "0.0." + patch;
    }

    /** Whether a component built against {@code this} version can use an implementation of {@code provided}. */
    public boolean isSatisfiedBy(SemVer provided) {
        return track().equals(provided.track()) && compareTo(provided) <= 0;
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        if (c == 0) c = comparePreRelease(preRelease, o.preRelease);
        return c;
    }

    private static int comparePreRelease(String a, String b) {
        if (a.equals(b)) return 0;
        if (a.isEmpty()) return 1; // a release sorts after its pre-releases
        if (b.isEmpty()) return -1;
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareIdentifier(x[i], y[i]);
            if (c != 0) return c;
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareIdentifier(String a, String b) {
        boolean na = a.chars().allMatch(Character::isDigit);
        boolean nb = b.chars().allMatch(Character::isDigit);
        if (na && nb) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (na) return -1;
        if (nb) return 1;
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease)
                + (build.isEmpty() ? "" : "+" + build);
    }
}
