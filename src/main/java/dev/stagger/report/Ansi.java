package dev.stagger.report;

/**
 * Terminal colour, on only when writing to a terminal and {@code NO_COLOR} is not set
 * (https://no-color.org): CI logs and files stay plain.
 */
public final class Ansi {
    public static final Ansi PLAIN = new Ansi(false);
    private final boolean enabled;

    public Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    /** Colour for stdout if it is a terminal and the environment allows it. */
    public static Ansi forTerminal() {
        boolean tty = System.console() != null;
        String noColor = System.getenv("NO_COLOR");
        return new Ansi(tty && (noColor == null || noColor.isEmpty()));
    }

    public boolean enabled() {
        return enabled;
    }

    public String red(String s) {
        return wrap("31;1", s);
    }

    public String yellow(String s) {
        return wrap("33;1", s);
    }

    public String green(String s) {
        return wrap("32;1", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
