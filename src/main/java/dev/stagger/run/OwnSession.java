package dev.stagger.run;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts hooks in a session of their own with util-linux {@code setsid}, so the terminal's Ctrl-C
 * reaches stagger alone: a server an {@code up} hook starts is not killed by it, and a
 * {@code down} hook is not cut short. Started from Java (never a group leader), {@code setsid} execs
 * the hook in place, so the pid stagger gets is the hook's session and process group id.
 */
final class OwnSession {
    private static final List<Path> KNOWN = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Path setsid;

    private OwnSession(Path setsid) {
        this.setsid = setsid;
    }

    /** @throws StaggerException (exit 1, nothing done) when {@code setsid} cannot be found, saying what to install */
    static OwnSession locate() {
        return find().map(OwnSession::new).orElseThrow(() -> new StaggerException(ExitCode.UNSAFE,
                "not running: cannot run hooks in a session of their own: `setsid` (util-linux) is not in /usr/bin, /bin or PATH;"
                        + " install util-linux. Without it the terminal's Ctrl-C would also reach the hooks and the"
                        + " servers they start, and a hook's timeout could not end what it started"));
    }

    private static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>(KNOWN);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "setsid"));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** The command run through {@code setsid --wait} (it waits if it ever had to fork, so the exit code is the hook's). */
    List<String> wrap(List<String> command) {
        List<String> out = new ArrayList<>(List.of(setsid.toString(), "--wait"));
        out.addAll(command);
        return out;
    }
}
