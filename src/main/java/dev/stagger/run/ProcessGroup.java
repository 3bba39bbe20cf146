package dev.stagger.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A hook's process group: the hook runs under {@code setsid}, so its pid is its session and group id,
 * and everything it starts stays in that group unless it moves itself out. Java cannot signal a
 * group, so {@code kill -s SIG -- -PGID} does; the members found in {@code /proc} and the leader's
 * descendants are signalled one by one as well, so a missing {@code kill} or a child that left the
 * group still ends.
 */
final class ProcessGroup {
    private static final Path PROC = Path.of("/proc");
    private static final List<Path> KILL = List.of(Path.of("/usr/bin/kill"), Path.of("/bin/kill"));

    private final long id;

    ProcessGroup(long id) {
        this.id = id;
    }

    long id() {
        return id;
    }

    /** The group of a process, from {@code /proc/PID/stat}; empty when it is gone. */
    static Optional<Long> of(long pid) {
        return stat(PROC.resolve(Long.toString(pid))).map(Stat::group);
    }

    /** The live (not zombie) processes in the group. */
    List<Long> members() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                stat(dir).filter(s -> s.group() == id && s.state() != 'Z' && s.state() != 'X')
                        .ifPresent(s -> out.add(Long.parseLong(dir.getFileName().toString())));
            }
        } catch (IOException e) {
            // No /proc: fall back to the leader and its descendants.
            ProcessHandle.of(id).filter(ProcessHandle::isAlive).ifPresent(h -> out.add(h.pid()));
        }
        return out;
    }

    /**
     * Ends the whole group: TERM, then KILL to whatever is left after {@code grace}.
     *
     * @return what it took: {@code TERM} or {@code TERM, then KILL}
     */
    String end(Duration grace) {
        List<ProcessHandle> family = new ArrayList<>();
        ProcessHandle.of(id).ifPresent(h -> {
            family.add(h);
            h.descendants().forEach(family::add);
        });
        signal("TERM", family);
        if (awaitGone(grace, family)) {
            return "TERM";
        }
        signal("KILL", family);
        awaitGone(Duration.ofSeconds(5), family);
        return "TERM, then KILL";
    }

    private void signal(String signal, List<ProcessHandle> family) {
        boolean sent = false;
        for (Path kill : KILL) {
            if (Files.isExecutable(kill)) {
                sent = run(List.of(kill.toString(), "-s", signal, "--", "-" + id));
                break;
            }
        }
        boolean force = signal.equals("KILL");
        if (!sent) {
            for (long pid : members()) {
                ProcessHandle.of(pid).ifPresent(h -> destroy(h, force));
            }
        }
        for (ProcessHandle h : family) {
            destroy(h, force);
        }
    }

    private static void destroy(ProcessHandle h, boolean force) {
        if (h.isAlive()) {
            if (force) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        }
    }

    private boolean awaitGone(Duration limit, List<ProcessHandle> family) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            if (members().isEmpty() && family.stream().noneMatch(ProcessGroup::running)) {
                return true;
            }
            if (System.nanoTime() >= end) {
                return false;
            }
            StepRunner.sleep(Duration.ofMillis(20));
        }
    }

    /** Alive and not a zombie waiting for its parent. */
    private static boolean running(ProcessHandle h) {
        return h.isAlive() && stat(PROC.resolve(Long.toString(h.pid()))).map(s -> s.state() != 'Z').orElse(false);
    }

    private static boolean run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // Exit 1 when the group is already gone: that is not a failure to signal it.
            return p.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Stat(char state, long group) {
    }

    private static Optional<Stat> stat(Path dir) {
        try {
            String s = Files.readString(dir.resolve("stat"));
            // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so parse after the last ')'.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ", 4);
            return Optional.of(new Stat(f[0].charAt(0), Long.parseLong(f[2])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
