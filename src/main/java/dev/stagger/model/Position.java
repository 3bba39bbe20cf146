package dev.stagger.model;

/** Where something was written: a file and a 1-based line and column. */
public record Position(String file, int line, int column) {
    public static final Position NONE = new Position("", 0, 0);

    public static Position of(String file) {
        return new Position(file, 0, 0);
    }

    public boolean isKnown() {
        return line > 0;
    }

    /** {@code file:line:col}, the compilers' convention that editors and CI can jump to. */
    @Override
    public String toString() {
        return isKnown() ? file + ":" + line + ":" + column : file;
    }
}
