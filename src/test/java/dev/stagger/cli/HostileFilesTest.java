package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not what the command expects, through the real command line: an output that would
 * overwrite an input, devices and pipes as inputs, a password file named as an inventory. Each is
 * exit 2 with a message in plain words, no stack trace, no class name, no secret, inputs unchanged.
 */
class HostileFilesTest {
    @TempDir
    Path dir;

    private Path copySeed() throws Exception {
        for (String f : new String[] {"inventory.yaml", "safe.yaml"}) {
            Files.copy(Path.of("plans/seed-000").resolve(f), dir.resolve(f));
        }
        return dir.resolve("safe.yaml");
    }

    @Test
    void planNeverWritesOverItsInputs() throws Exception {
        Path plan = copySeed();
        String inventoryBefore = Files.readString(dir.resolve("inventory.yaml"));
        String planBefore = Files.readString(plan);

        CliResult overInventory = CliResult.run("plan", plan.toString(), "-o", dir.resolve("inventory.yaml").toString());
        CliResult overPlanViaDot = CliResult.run("plan", plan.toString(), "-o", dir.resolve("./safe.yaml").toString());
        Files.createSymbolicLink(dir.resolve("alias.yaml"), dir.resolve("inventory.yaml"));
        CliResult overLink = CliResult.run("plan", plan.toString(), "-o", dir.resolve("alias.yaml").toString());

        for (CliResult r : new CliResult[] {overInventory, overPlanViaDot, overLink}) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("refusing to write").contains("one of this command's inputs");
        }
        assertThat(Files.readString(dir.resolve("inventory.yaml"))).isEqualTo(inventoryBefore);
        assertThat(Files.readString(plan)).isEqualTo(planBefore);
    }

    @Test
    void planWritesANewFileAndSaysWhyWhenItCannot() throws Exception {
        Path plan = copySeed();
        CliResult ok = CliResult.run("plan", plan.toString(), "-o", dir.resolve("planned.yaml").toString());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(Files.readString(dir.resolve("planned.yaml"))).contains("failover: cache");
        // The written file gets the mode any new file gets here (the umask's), not a temporary file's 0600.
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("planned.yaml"))).isEqualTo(Files.getPosixFilePermissions(plain));

        CliResult missingDir = CliResult.run("plan", plan.toString(), "-o", dir.resolve("no/such/dir/out.yaml").toString());
        assertThat(missingDir.exitCode()).isEqualTo(2);
        assertThat(missingDir.err()).contains("cannot write").contains("No such file or directory")
                .doesNotContain("Exception");
    }

    @Test
    void anOutputThatIsAPipeOrALinkIsWrittenThroughNotReplaced() throws Exception {
        Path plan = copySeed();
        // A FIFO stands for any device (-o /dev/stdout, /dev/null): written into, never replaced by a
        // regular file (as root, a rename once turned /dev/full into a plan).
        Path fifo = dir.resolve("out.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (var in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliResult toFifo = CliResult.run("plan", plan.toString(), "-o", fifo.toString());
        assertThat(toFifo.exitCode()).as(toFifo.toString()).isZero();
        assertThat(new String(read.get(30, java.util.concurrent.TimeUnit.SECONDS), java.nio.charset.StandardCharsets.UTF_8))
                .contains("failover: cache");
        assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as("still a FIFO").isFalse();
        assertThat(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();

        Path target = Files.writeString(dir.resolve("target.yaml"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), target);
        CliResult viaLink = CliResult.run("plan", plan.toString(), "-o", link.toString());
        assertThat(viaLink.exitCode()).as(viaLink.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).as("the link is kept").isTrue();
        assertThat(Files.readString(target)).contains("failover: cache");

        CliResult toDir = CliResult.run("plan", plan.toString(), "-o", dir.toString());
        assertThat(toDir.exitCode()).isEqualTo(2);
        assertThat(toDir.err()).contains("is a directory").doesNotContain("Exception");
    }

    @Test
    void devicesAndPipesAreRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("plan.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        for (String input : new String[] {"/dev/zero", "/dev/urandom", fifo.toString()}) {
            CliResult r = CliResult.run("validate", input);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("is not a regular file").doesNotContain("Exception").doesNotContain("\tat ");
        }
        Path plan = Files.writeString(dir.resolve("p.yaml"), "plan: p\ninventory: /dev/zero\nsteps:\n  - maintain: [a]\n");
        CliResult viaPlan = CliResult.run("validate", plan.toString());
        assertThat(viaPlan.exitCode()).isEqualTo(2);
        assertThat(viaPlan.err()).contains("p.yaml:2:12: error: cannot read inventory /dev/zero: is not a regular file");
        CliResult status = CliResult.run("status", "-i", "/dev/zero");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
        // A password file is read before anything connects: the operator's input, not a sentinel that fails.
        for (String flag : new String[] {"--auth-file", "--sentinel-auth-file"}) {
            CliResult discover = CliResult.run("discover", "--sentinel", "127.0.0.1:1", flag, "/dev/zero");
            assertThat(discover.exitCode()).as(discover.toString()).isEqualTo(2);
            assertThat(discover.err()).contains(flag + ": cannot read password_file /dev/zero: is not a regular file")
                    .doesNotContain("does not answer").doesNotContain("Exception");
        }
    }

    @Test
    void aPasswordFileNamedAsTheInventoryIsNeverEchoed() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "hunter2-very-secret\n");
        Files.writeString(dir.resolve("secret2.txt"), "pa55: word: hunter3-very-secret\n");
        for (String secretFile : new String[] {"secret.txt", "secret2.txt"}) {
            Path plan = Files.writeString(dir.resolve("p-" + secretFile + ".yaml"),
                    "plan: p\ninventory: " + secretFile + "\nsteps:\n  - maintain: [a]\n");
            CliResult r = CliResult.run("validate", plan.toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains(secretFile).doesNotContain("hunter");
        }
    }

    @Test
    void durationsCombineUnitsAndSayTheLimit() {
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("2m30s")).contains(Duration.ofSeconds(150));
        assertThat(Durations.parse("1d")).contains(Duration.ofDays(1));
        assertThat(Durations.parse("1s500ms")).contains(Duration.ofMillis(1500));
        assertThat(Durations.parse("30m1h")).isEmpty();
        assertThat(Durations.problem("30m1h")).contains("from the largest down");
        assertThat(Durations.parse("1h1h")).isEmpty();
        assertThat(Durations.problem("99999d")).isEqualTo("longer than the limit of 168h");
        assertThat(Durations.problem("soon")).isEqualTo("not a duration");
        assertThat(Durations.problem("")).isEqualTo("not a duration");
        assertThat(Durations.problem("5 m")).isEqualTo("not a duration");

        CliResult r = CliResult.run("run", "plans/seed-000/safe.yaml", "--wait-safe", "99999d");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("`99999d` is longer than the limit of 168h");
    }

    @Test
    void controlCharactersInIdsAndNamesAreRefusedAndNeverPrintedRaw() throws Exception {
        copySeed();
        Path plan = Files.writeString(dir.resolve("esc.yaml"), "plan: \"p\\e[2Kx\"\ninventory: inventory.yaml\nsteps:\n"
                + "  - id: \"a\\e[31mSAFE\"\n    maintain: [app1]\n  - id: \"b\\u202egnp.exe\"\n    maintain: [app2]\n");
        for (String format : new String[] {"text", "json", "junit", "github"}) {
            CliResult r = CliResult.run("validate", plan.toString(), "--format", format);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            String all = r.out() + r.err();
            assertThat(all.chars().filter(c -> c == 0x1b || c == 0x202e).count()).as(format + ": " + r).isZero();
            assertThat(all).contains("U+001B").contains("U+202E");
        }
    }

    @Test
    void controlCharactersInFreeTextAreEscapedInEveryReport() throws Exception {
        copySeed();
        // The note and the hook argument are allowed (free text), but a finding that quotes them must not
        // paint the terminal: the unsafe plan's messages name the step whose id is plain.
        Path plan = Files.writeString(dir.resolve("note.yaml"), "plan: p\ninventory: inventory.yaml\nsteps:\n"
                + "  - id: app1-drives\n    maintain: [app1]\n    note: \"\\e[1A\\e[2KSAFE\"\n"
                + "    do: [\"echo\", \"\\e[2K\"]\n");
        for (String format : new String[] {"text", "json", "junit", "github"}) {
            CliResult r = CliResult.run("validate", plan.toString(), "--format", format);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat((r.out() + r.err()).chars().filter(c -> c == 0x1b).count()).as(format).isZero();
        }
        CliResult planned = CliResult.run("plan", plan.toString());
        assertThat(planned.exitCode()).as(planned.toString()).isZero();
        assertThat(planned.out().chars().filter(c -> c == 0x1b).count()).isZero();
        assertThat(planned.out()).contains("\\u001b[1A");
    }

    @Test
    void everyMachineFormatReportsInputErrorsOnStdout() throws Exception {
        Path broken = Path.of("src/test/resources/load/errors/plan-run-would-fail.yaml");
        for (String input : new String[] {broken.toString(), "/dev/zero", dir.resolve("missing.yaml").toString()}) {
            CliResult json = CliResult.run("validate", input, "--format", "json");
            assertThat(json.exitCode()).as(json.toString()).isEqualTo(2);
            assertThat(json.out()).contains("\"rule\": \"input\"").contains("\"safe\": false");
            MiniJson.parse(json.out());

            CliResult junit = CliResult.run("validate", input, "--format", "junit");
            assertThat(junit.exitCode()).isEqualTo(2);
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(junit.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(junit.out()).contains("<failure type=\"input\"");

            CliResult github = CliResult.run("validate", input, "--format", "github");
            assertThat(github.exitCode()).isEqualTo(2);
            assertThat(github.out()).startsWith("::error file=");

            CliResult sarif = CliResult.run("validate", input, "--format", "sarif");
            assertThat(sarif.exitCode()).as(sarif.toString()).isEqualTo(2);
            MiniJson.parse(sarif.out());
            assertThat(sarif.out()).contains("\"ruleId\": \"input\"");
        }
    }

    @Test
    void aDcMapThatIsNotUtf8IsLocated() throws Exception {
        Path map = Files.write(dir.resolve("dcs.yaml"), "\"10.0.1.*\": dc1\n\"10.0.2.*\": d\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliResult r = CliResult.run("discover", "--sentinel", "127.0.0.1:1", "--dc-map", map.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("dcs.yaml:2:14: error: not UTF-8 text: byte 0xe9").doesNotContain("Exception");
    }
}
