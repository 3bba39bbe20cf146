package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed layout that {@code mvn package} builds, used as a user would: the launcher from
 * another directory and through a symlink, the completion script sourced by bash, the man pages
 * rendered by man, and the tarball's contents.
 */
class DistributionIT {
    private static final Path DIST = Path.of("target/stagger").toAbsolutePath();
    private static final Path LAUNCHER = DIST.resolve("bin/stagger");

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    @Test
    void theLauncherRunsFromAnotherDirectoryAndThroughASymlink() throws Exception {
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("bin")).resolve("stagger"), LAUNCHER);
        Run version = run(tmp, Map.of(), link.toString(), "--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.out()).matches("stagger \\d+\\.\\d+\\.\\d+\\S* \\(commit (?:[0-9a-f]{7,40}|unknown)\\)\\n");

        copy(Path.of("plans/seed-000"), tmp.resolve("plans"));
        Run validate = run(tmp, Map.of(), link.toString(), "validate", "plans");
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
        assertThat(validate.out()).contains("SAFE: plans/safe.yaml").contains("UNSAFE: plans/unsafe.yaml")
                .contains("2 plans: 1 safe, 1 unsafe");
    }

    @Test
    void stdinAndJavaOptionsReachTheCommand() throws Exception {
        Path plan = Path.of("plans/seed-000/safe.yaml").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "validate", "-", "-i",
                Path.of("plans/seed-000/inventory.yaml").toAbsolutePath().toString())
                .directory(tmp.toFile()).redirectInput(plan.toFile());
        pb.environment().put("STAGGER_JAVA_OPTS", "-showversion");
        Run r = finish(pb);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("SAFE: <stdin>");
        assertThat(r.err()).as("-showversion from STAGGER_JAVA_OPTS").contains("version \"");
    }

    @Test
    void withoutAJava17TheLauncherSaysSoAndExitsTwo() throws Exception {
        Path old = Files.createDirectories(tmp.resolve("old-jdk/bin")).resolve("java");
        Files.writeString(old, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run tooOld = run(tmp, Map.of("JAVA_HOME", tmp.resolve("old-jdk").toString()), LAUNCHER.toString(), "--version");
        assertThat(tooOld.exitCode()).as(tooOld.toString()).isEqualTo(2);
        assertThat(tooOld.err()).contains("is Java 11.0.2; stagger needs Java 17 or newer");

        // A JDK's release file is read instead of starting a JVM just to ask its version.
        Path jdk11 = Files.createDirectories(tmp.resolve("jdk11/bin"));
        Files.writeString(jdk11.resolve("java"), "#!/bin/sh\necho 'java started' >&2\nexit 99\n");
        Files.setPosixFilePermissions(jdk11.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(tmp.resolve("jdk11/release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.22\"\n");
        Run released = run(tmp, Map.of("JAVA_HOME", tmp.resolve("jdk11").toString()), LAUNCHER.toString(), "--version");
        assertThat(released.exitCode()).as(released.toString()).isEqualTo(2);
        assertThat(released.err()).contains("is Java 11.0.22; stagger needs Java 17 or newer").doesNotContain("java started");

        Run missingHome = run(tmp, Map.of("JAVA_HOME", tmp.resolve("nowhere").toString()), LAUNCHER.toString());
        assertThat(missingHome.exitCode()).isEqualTo(2);
        assertThat(missingHome.err()).contains("JAVA_HOME is set to").contains("is not an executable");

        // A PATH with the tools the launcher uses but no java.
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("dirname", "ls", "sed", "head", "cut", "sh")) {
            Path real = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + tool)).filter(Files::exists).findFirst()
                    .orElseThrow();
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", LAUNCHER.toString(), "--version").directory(tmp.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", tools.toString());
        Run noJava = finish(pb);
        assertThat(noJava.exitCode()).as(noJava.toString()).isEqualTo(2);
        assertThat(noJava.err()).contains("stagger: no Java found: stagger needs Java 17 or newer");
    }

    @Test
    void theBashCompletionLoads() throws Exception {
        Path script = DIST.resolve("completion/stagger.bash");
        Run r = run(tmp, Map.of(), "bash", "-c", "source '" + script + "' && complete -p stagger");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("-F _complete_stagger").contains("stagger");
        Run same = run(tmp, Map.of(), LAUNCHER.toString(), "completion", "bash");
        assertThat(same.out()).isEqualTo(Files.readString(script));
    }

    @Test
    void everyManPageRenders() throws Exception {
        assumeTrue(onPath("man"), "man is not installed (apt-get install man-db to run this check)");
        List<Path> pages;
        try (Stream<Path> s = Files.list(DIST.resolve("man/man1"))) {
            pages = s.sorted().toList();
        }
        assertThat(pages.stream().map(p -> p.getFileName().toString())).contains("stagger.1", "stagger-validate.1",
                "stagger-plan.1", "stagger-graph.1", "stagger-run.1", "stagger-status.1", "stagger-discover.1",
                "stagger-completion.1");
        for (Path page : pages) {
            Run r = run(tmp, Map.of("MANPAGER", "cat", "PAGER", "cat", "MANWIDTH", "100"), "man", "-l", page.toString());
            String name = page.getFileName().toString().replace(".1", "");
            assertThat(r.exitCode()).as(page + "\n" + r).isZero();
            assertThat(r.out()).as(page.toString()).contains("NAME").contains(name).contains("SYNOPSIS")
                    .contains("OPTIONS");
            assertThat(r.err()).as(page + ": troff warnings").isEmpty();
        }
    }

    @Test
    void theTarballHoldsTheLayoutWithLicenseAndThirdPartyNotices() throws Exception {
        Path tarball;
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            tarball = s.filter(p -> p.getFileName().toString().matches("stagger-.*\\.tar\\.gz")).findFirst().orElseThrow();
        }
        String top = tarball.getFileName().toString().replace(".tar.gz", "");
        Run r = run(tmp, Map.of(), "tar", "-tzvf", tarball.toAbsolutePath().toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> names = r.out().lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
        assertThat(names).contains(top + "/LICENSE", top + "/third-party/THIRD-PARTY.txt",
                top + "/third-party/EPL-2.0.txt", top + "/third-party/LGPL-2.1.txt",
                top + "/third-party/jedis-LICENSE.txt", top + "/third-party/slf4j-LICENSE.txt",
                top + "/third-party/apfloat-LICENSE.txt", top + "/third-party/commons-pool2-NOTICE.txt",
                top + "/bin/stagger", top + "/completion/stagger.bash", top + "/completion/_stagger",
                top + "/man/man1/stagger-run.1", top + "/lib/" + top + ".jar", top + "/lib/jedis-5.2.0.jar");
        assertThat(r.out().lines().filter(l -> l.endsWith("/bin/stagger"))).singleElement()
                .satisfies(l -> assertThat(l).startsWith("-rwxr-xr-x"));
        assertThat(Files.readString(DIST.resolve("LICENSE"))).contains("Apache License").contains("Version 2.0");
        // Every jar in lib/ is named in the notices, so a new dependency cannot ship unlisted.
        String notices = Files.readString(DIST.resolve("third-party/THIRD-PARTY.txt"));
        try (Stream<Path> jars = Files.list(DIST.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                String artifact = jar.getFileName().toString().replaceAll("-[0-9][^-]*\\.jar$", "");
                if (!jar.getFileName().toString().startsWith("stagger-")) {
                    assertThat(notices).as("THIRD-PARTY.txt names " + jar.getFileName()).contains(":" + artifact + " ");
                }
            }
        }
    }

    /**
     * The class-data archive the build trained (lib/stagger.jsa) maps where it was made; a moved
     * installation or another JVM starts without it and says nothing about it (a JVM that cannot use
     * an archive would otherwise print so on stdout).
     */
    @Test
    void theClassDataArchiveIsUsedWhereItWasMadeAndQuietlyLeftOutElsewhere() throws Exception {
        assertThat(DIST.resolve("lib/stagger.jsa")).exists();
        Run here = run(tmp, Map.of("STAGGER_JAVA_OPTS", "-Xlog:cds=info"), LAUNCHER.toString(), "--version");
        assertThat(here.exitCode()).as(here.toString()).isZero();
        assertThat(here.out()).as("cds logging turned back on shows the archive mapped").contains("Mapped dynamic region");

        Path moved = tmp.resolve("moved");
        try (Stream<Path> files = Files.walk(DIST)) {
            for (Path f : files.toList()) {
                Files.copy(f, moved.resolve(DIST.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        List<Run> elsewhere = new ArrayList<>();
        elsewhere.add(run(tmp, Map.of(), moved.resolve("bin/stagger").toString(), "--version"));
        String me = Path.of(System.getProperty("java.home")).toRealPath().toString();
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path jvm : jvms.filter(j -> Files.isExecutable(j.resolve("bin/java"))).toList()) {
                if (!jvm.toRealPath().toString().equals(me)) {
                    elsewhere.add(run(tmp, Map.of("JAVA_HOME", jvm.toString()), LAUNCHER.toString(), "--version"));
                }
            }
        } catch (java.nio.file.NoSuchFileException noJvmDir) {
            // only the moved installation, then
        }
        for (Run r : elsewhere) {
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).as(r.toString()).matches("stagger \\S+ \\(commit \\S+\\)\\n");
            assertThat(r.err()).as(r.toString()).isEmpty();
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName().toString()));
            }
        }
    }

    private static Run run(Path dir, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        return finish(pb);
    }

    private static Run finish(ProcessBuilder pb) throws Exception {
        Path out = Files.createTempFile("dist-out", ".txt");
        Path err = Files.createTempFile("dist-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("did not finish within 60 s: " + pb.command());
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
