package dev.stagger.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One way to read a file the user named: at most {@code maxBytes}, and only a regular file. A
 * device ({@code /dev/zero}), a pipe or a socket is refused before it is opened (opening a pipe
 * without a writer would hang, reading {@code /dev/zero} would never end); a file that grows past
 * the cap, including a {@code /proc} file whose size says 0, stops being read at the cap.
 */
public final class BoundedFile {
    /** Why a file was not read, in plain words, without the path (the caller names the file). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final int CHUNK = 64 * 1024;

    private BoundedFile() {
    }

    /**
     * @param what "an inventory or a plan", for the message on a file above the cap
     * @throws Refused with the reason: not found, a directory, a device or pipe, too large, the OS's reason
     */
    public static byte[] read(Path path, long maxBytes, String what) throws Refused {
        if (Files.isDirectory(path)) {
            throw new Refused("is a directory");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new Refused("is not a regular file (a device, a pipe or a socket): it cannot be " + what);
        }
        long declared = 0;
        try {
            // A regular file that says it is too large is refused without reading it; one that says
            // less (a /proc file says 0) is still cut off at the cap below.
            declared = Files.exists(path) ? Files.size(path) : 0;
            if (declared > maxBytes) {
                throw new Refused("is larger than " + human(maxBytes) + ": too large to be " + what);
            }
        } catch (IOException e) {
            throw new Refused(OsReason.of(e));
        }
        try (InputStream in = Files.newInputStream(path)) {
            // Sized from what the file says, plus one byte to see it end without growing: a 5 MB
            // inventory is read into one buffer instead of a doubling series (four times the file).
            byte[] buf = new byte[(int) Math.min(Math.max(CHUNK, declared + 1), maxBytes + 1)];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    if (n > maxBytes) {
                        throw new Refused("is larger than " + human(maxBytes) + ": too large to be " + what);
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(maxBytes + 1, (long) buf.length * 2));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    return Arrays.copyOf(buf, n);
                }
                n += r;
            }
        } catch (IOException e) {
            throw new Refused(OsReason.of(e));
        }
    }

    /** True when the two paths name the same file (after links), false when either does not exist. */
    public static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    static String human(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
