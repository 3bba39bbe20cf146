package dev.stagger.cli;

import dev.stagger.io.BoundedFile;
import dev.stagger.io.OsReason;
import dev.stagger.model.Auth;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import dev.stagger.model.StaggerException;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a command's {@code -o} file. Never over one of the command's own inputs (the plan, the
 * inventory, a password file, a dc map; compared as real files, links and {@code ./} included):
 * {@code plan plan.yaml -o inventory.yaml} once replaced the inventory with a plan. The text goes to a
 * temporary file beside the target and is moved into place, so a failed write (disk full, read-only)
 * leaves the old file as it was; the failure is reported with the operating system's reason.
 */
final class OutputFile {
    /** Writes the whole output. */
    interface Body {
        void writeTo(Writer w) throws IOException;
    }

    /** Writes the whole output, already encoded in UTF-8. */
    interface Bytes {
        void writeTo(OutputStream out) throws IOException;
    }

    private OutputFile() {
    }

    static void write(Path output, List<Path> inputs, Body body) {
        writeBytes(output, inputs, out -> {
            // As Files.newBufferedWriter: an encoder that reports what UTF-8 cannot encode.
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()));
            body.writeTo(w);
            w.flush();
        });
    }

    static void writeBytes(Path output, List<Path> inputs, Bytes body) {
        for (Path input : inputs) {
            if (input != null && BoundedFile.sameFile(output, input)) {
                throw new StaggerException(ExitCode.BAD_INPUT, "refusing to write " + output + ": it is "
                        + (input.equals(output) ? "" : input + ", ") + "one of this command's inputs;"
                        + " choose another -o file");
            }
        }
        if (Files.isDirectory(output)) {
            throw new StaggerException(ExitCode.BAD_INPUT, "cannot write " + output + ": is a directory;"
                    + " name a file with -o");
        }
        if (Files.exists(output) && !Files.isRegularFile(output)) {
            writeInPlace(output, body);
            return;
        }
        Path target = realTarget(output);
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            // Created like any new file (the umask decides its mode; createTempFile would make it 0600).
            tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE))) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new StaggerException(ExitCode.BAD_INPUT, "cannot write " + output + ": " + OsReason.of(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed and says why; a stray temporary file is the lesser problem
                }
            }
        }
    }

    /**
     * A device or a pipe ({@code -o /dev/stdout}, {@code /dev/null}, a FIFO) is written into, like a
     * shell redirection: moving a file over it would replace the device node itself, which root can do.
     */
    private static void writeInPlace(Path output, Bytes body) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output, StandardOpenOption.WRITE))) {
            body.writeTo(out);
        } catch (IOException e) {
            throw new StaggerException(ExitCode.BAD_INPUT, "cannot write " + output + ": " + OsReason.of(e), e);
        }
    }

    /** The file a link points to, so that writing through a link replaces its target and keeps the link. */
    private static Path realTarget(Path output) {
        if (!Files.isSymbolicLink(output)) {
            return output;
        }
        try {
            return output.toRealPath();
        } catch (IOException e) {
            return output; // a dangling link: the move replaces the link, as before
        }
    }

    /** The files an inventory makes a command read: the inventory and every password file it names. */
    static List<Path> inputsOf(Inventory inventory) {
        List<Path> out = new ArrayList<>();
        if (inventory.file() != null && !inventory.file().isEmpty()) {
            out.add(Path.of(inventory.file()));
        }
        for (Service s : inventory.services().values()) {
            Auth auth = s instanceof RedisService r ? r.auth()
                    : s instanceof RedisClusterService c ? c.auth()
                    : s instanceof SentinelService t ? t.auth() : null;
            if (auth != null && auth.passwordFile() != null) {
                out.add(auth.passwordFile());
            }
        }
        return out;
    }
}
