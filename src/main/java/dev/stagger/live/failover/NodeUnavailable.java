package dev.stagger.live.failover;

/**
 * A Redis or sentinel that did not answer, refused a command or could not be authenticated to.
 * The message names the instance and the reason, never a password.
 */
final class NodeUnavailable extends RuntimeException {
    /** What is known about the command's effect, which decides whether retrying elsewhere is safe. */
    enum Kind {
        /** The server answered with an error: the command did nothing. */
        REFUSED,
        /** No connection could be made: the command was never sent. */
        NOT_CONNECTED,
        /** Sent, but no reply came: it may or may not have taken effect. */
        NO_REPLY
    }

    private final Kind kind;

    NodeUnavailable(String message, Kind kind, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    NodeUnavailable(String message) {
        this(message, Kind.NOT_CONNECTED, null);
    }

    Kind kind() {
        return kind;
    }

    /** True when the command certainly did nothing. */
    boolean certainlyNoEffect() {
        return kind != Kind.NO_REPLY;
    }
}
