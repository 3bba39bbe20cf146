package dev.stagger.run;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
            throw new StaggerException(ExitCode.BAD_INPUT, "cannot open the journal " + path + ": " + e.getMessage(), e);
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
        event.details().forEach((k, v) -> clean.put(k, redactor.redact(v)));
        JournalEvent safe = new JournalEvent(event.time(), event.event(), event.step(), clean);
        byte[] line = (JsonLine.encode(safe) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            // A run that cannot record what it does must not go on doing things.
            throw new UncheckedIOException("cannot write the journal " + path, e);
        }
    }

    /**
     * Reads a journal. A torn last line (the run was killed mid-write) is ignored; any other bad line
     * is an error naming its line number.
     */
    public static List<JournalEvent> read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StaggerException(ExitCode.BAD_INPUT, "cannot read the journal " + path + ": " + e.getMessage(), e);
        }
        List<JournalEvent> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JsonLine.decode(line));
            } catch (IllegalArgumentException e) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new StaggerException(ExitCode.BAD_INPUT,
                        path + ":" + (i + 1) + ": error: not a journal line: " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
