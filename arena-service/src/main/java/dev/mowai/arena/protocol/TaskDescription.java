package dev.mowai.arena.protocol;

import java.util.Optional;

/** Validation of the lead's task text (POST /task). */
public final class TaskDescription {

    private TaskDescription() {
    }

    /** @return the reason the description is refused, or empty when it is acceptable */
    public static Optional<String> problem(String description) {
        if (description == null) {
            return Optional.of("description: missing or not a string");
        }
        if (description.isBlank()) {
            return Optional.of("description: must not be blank");
        }
        return Optional.empty();
    }

    /**
     * What is broadcast of an accepted description: the seed's arena sent the first 512 characters of
     * a longer one ({@code description.slice(0, 512)}) rather than refusing it, so lead scripts written
     * for it keep working. Unlike {@code slice} this never splits a surrogate pair.
     */
    public static String cut(String description) {
        int end = Limits.TASK_DESCRIPTION;
        if (description.length() <= end) {
            return description;
        }
        return description.substring(0, Character.isHighSurrogate(description.charAt(end - 1)) ? end - 1 : end);
    }
}
