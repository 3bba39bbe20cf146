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

    /** How messages show it: a URL without its password, a command as one would type it. */
    String shown();

    /** {@code http://...} or {@code https://...}; it may carry credentials ({@code user:pass@}), which are never shown. */
    record Http(String url) implements WriteCheck {
        @Override
        public String shown() {
            return masked(url);
        }

        /** The URL with the password of its {@code user:pass@} part replaced by {@code ***}. */
        public static String masked(String url) {
            return url.replaceFirst("^(https?://[^/@?#]*?):[^/@?#]*@", "$1:***@");
        }

        @Override
        public String toString() {
            return "Http[" + shown() + "]";
        }
    }

    /** An argument list run without a shell; exit 0 means the write went through. */
    record Command(List<String> argv) implements WriteCheck {
        public Command {
            argv = List.copyOf(argv);
        }

        @Override
        public String shown() {
            StringBuilder sb = new StringBuilder();
            for (String arg : argv) {
                boolean plain = !arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=@,+%{}".indexOf(c) >= 0);
                sb.append(sb.length() == 0 ? "" : " ").append(plain ? arg : "'" + arg.replace("'", "'\\''") + "'");
            }
            return sb.toString();
        }
    }
}
