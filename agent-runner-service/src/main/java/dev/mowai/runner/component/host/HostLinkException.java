package dev.mowai.runner.component.host;

/** A component import the host cannot provide; the message names the import and what is provided instead. */
public final class HostLinkException extends RuntimeException {
    private final String importName;

    public HostLinkException(String importName, String message) {
        super(message);
        this.importName = importName;
    }

    /** The import as the component wrote it. */
    public String importName() {
        return importName;
    }
}
