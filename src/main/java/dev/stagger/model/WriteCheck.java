package dev.stagger.model;

import java.util.List;

/**
 * An app service's proof that it can write, not only answer: a health endpoint can say 200 while
 * every write fails (apps pinned to a master that is now a read-only replica). Either an HTTP(S) URL
 * that must answer 2xx, or a command (an argument list, never a shell) that must exit 0. Both may use
 * {@code {address}}, {@code {host}} and {@code {port}}; a command also {@code {service}}.
 */
public sealed interface WriteCheck {
    /** The placeholders a URL may use (those of {@code health}). */
    List<String> URL_PLACEHOLDERS = List.of("address", "host", "port");
    /** The placeholders a command's arguments may use. */
    List<String> COMMAND_PLACEHOLDERS = List.of("address", "host", "port", "service");

    /** {@code http://...} or {@code https://...}; it may carry credentials ({@code user:pass@}), which are never shown. */
    record Http(String url) implements WriteCheck {
    }

    /** An argument list run without a shell; exit 0 means the write went through. */
    record Command(List<String> argv) implements WriteCheck {
        public Command {
            argv = List.copyOf(argv);
        }
    }
}
