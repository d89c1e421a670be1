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
        if (description.length() > Limits.TASK_DESCRIPTION) {
            return Optional.of("description: " + description.length() + " characters exceeds the limit of "
                    + Limits.TASK_DESCRIPTION);
        }
        return Optional.empty();
    }
}
