package dev.stagger.live;

/** A probe could not get an answer; the message is safe to print (never a secret). */
final class ProbeException extends Exception {
    private static final long serialVersionUID = 1L;

    ProbeException(String message) {
        super(message);
    }
}
