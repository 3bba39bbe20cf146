package dev.stagger.run;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * The journal on disk: JSON lines appended and forced to the device one event at a time, so that
 * whatever the run did before a {@code kill -9} or a power cut is on disk for {@code --resume}.
 * Every value passes through the {@link Redactor} first.
 */
public final class FileJournal implements Journal, AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final Redactor redactor;

    private FileJournal(Path path, FileChannel channel, Redactor redactor) {
        this.path = path;
        this.channel = channel;
        this.redactor = redactor;
    }

    /** Opens (creating it and its directory if needed) for appending. */
    public static FileJournal open(Path path, Redactor redactor) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            dropTornTail(ch);
            ch.position(ch.size());
            return new FileJournal(path, ch, redactor);
        } catch (IOException e) {
            throw new StaggerException(ExitCode.BAD_INPUT, "cannot open the journal " + path + ": " + reasonOf(e)
                    + "; nothing was done. Make it writable, or pass --journal with a file that can be written", e);
        }
    }

    /**
     * A run killed in the middle of a write leaves a last line without its newline; it was never
     * acknowledged, so it is cut off rather than glued to the next event.
     */
    private static void dropTornTail(FileChannel ch) throws IOException {
        long size = ch.size();
        long keep = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (keep > 0) {
            one.clear();
            ch.read(one, keep - 1);
            if (one.get(0) == '\n') {
                break;
            }
            keep--;
        }
        if (keep < size) {
            ch.truncate(keep);
            ch.force(true);
        }
    }

    /** The default place: {@code .stagger/CLUSTER-PLAN.journal} under {@code base}. */
    public static Path defaultPath(Path base, String cluster, String plan) {
        return base.resolve(".stagger").resolve(safeName(cluster) + "-" + safeName(plan) + ".journal");
    }

    /** Longest name part kept as written; file systems allow 255 bytes for the whole name. */
    private static final int NAME_KEPT = 60;

    /**
     * A cluster or plan name as part of a file name: characters other than letters, digits, dot,
     * dash and underscore become {@code _}; a long name keeps its first characters and a hash of the
     * whole, so that two long names never share a journal and no name ends in "File name too long".
     */
    static String safeName(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9._-]", "_");
        if (clean.length() <= NAME_KEPT) {
            return clean;
        }
        return clean.substring(0, NAME_KEPT) + "-" + PlanHash.shortHash(s);
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void append(JournalEvent event) {
        Map<String, String> clean = new LinkedHashMap<>();
        // Numbers and booleans are stagger's own measurements; masking a digit in one would make
        // the journal unreadable for --resume.
        event.details().forEach((k, v) -> clean.put(k, JournalSchema.kindOf(k) == JournalSchema.Kind.TEXT ? redactor.redact(v) : v));
        JournalEvent safe = new JournalEvent(event.time(), event.event(), event.step(), clean);
        byte[] line = (JsonLine.encode(safe) + "\n").getBytes(StandardCharsets.UTF_8);
        long before = -1;
        try {
            before = channel.position();
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            cutBackTo(before);
            // A run that cannot record what it does must not go on doing things: the executor halts.
            throw new JournalWriteFailure(path.toString(), reasonOf(e), e);
        }
    }

    /**
     * After a failed write, the part of the line that did reach the file is cut off, so the journal
     * ends with the last event that was recorded whole. Best effort: if even that fails, the next
     * open drops the torn line.
     */
    private void cutBackTo(long size) {
        if (size < 0) {
            return;
        }
        try {
            if (channel.size() > size) {
                channel.truncate(size);
            }
            channel.position(size);
        } catch (IOException ignored) {
            // the torn tail stays; open() and read() both ignore it
        }
    }

    private static String reasonOf(IOException e) {
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }

    /** One line of a journal file as written, with its 1-based number. */
    record Line(int number, String text) {
    }

    /**
     * The lines of a journal, blank ones left out. A last line without its newline was torn by a
     * kill in the middle of a write: it was never acknowledged, so it is not part of the journal
     * (and {@link #open} cuts it off). An empty list when there is no journal yet.
     */
    static List<Line> lines(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StaggerException(ExitCode.BAD_INPUT, "cannot read the journal " + path + ": " + e.getMessage(), e);
        }
        String[] split = text.split("\n", -1);
        List<Line> out = new ArrayList<>();
        // split leaves the text after the last newline last: empty when the file ends cleanly.
        for (int i = 0; i < split.length - 1; i++) {
            if (!split[i].isBlank()) {
                out.add(new Line(i + 1, split[i]));
            }
        }
        return out;
    }

    /**
     * Reads a journal without checking it against a plan (for tools and tests; a run reads it with
     * {@link JournalState#read}). A torn last line is ignored; any other bad line is an error
     * naming its line number.
     */
    public static List<JournalEvent> read(Path path) {
        List<Line> lines = lines(path);
        List<JournalEvent> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            try {
                out.add(JsonLine.decode(line.text()));
            } catch (IllegalArgumentException e) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new StaggerException(ExitCode.BAD_INPUT,
                        path + ":" + line.number() + ": error: not a journal line: " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Every event was forced to the device when it was appended: nothing is lost, and an
            // error here must not replace the run's own outcome (what is down, how to resume).
        }
    }
}
