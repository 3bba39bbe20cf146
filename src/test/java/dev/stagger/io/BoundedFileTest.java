package dev.stagger.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedFileTest {
    @TempDir
    Path dir;

    @Test
    void readsAWholeSmallFile() throws Exception {
        Path f = Files.writeString(dir.resolve("a.yaml"), "cluster: c\n");
        assertThat(new String(BoundedFile.read(f, 1024, "a plan"))).isEqualTo("cluster: c\n");
    }

    @Test
    void refusesADeviceBeforeReadingIt() {
        BoundedFile.Refused e = catchThrowableOfType(BoundedFile.Refused.class,
                () -> BoundedFile.read(Path.of("/dev/zero"), 1024, "an inventory or a plan"));
        assertThat(e.getMessage()).isEqualTo("is not a regular file (a device, a pipe or a socket): it cannot be an inventory or a plan");
    }

    @Test
    void refusesAPipeWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        assertThat(catchThrowableOfType(BoundedFile.Refused.class, () -> BoundedFile.read(fifo, 1024, "a plan")))
                .hasMessageStartingWith("is not a regular file");
    }

    @Test
    void stopsReadingAtTheCapWhateverTheFileSays() throws Exception {
        Path big = dir.resolve("big");
        Files.write(big, new byte[300_000]);
        BoundedFile.Refused e = catchThrowableOfType(BoundedFile.Refused.class, () -> BoundedFile.read(big, 256 * 1024, "a plan"));
        assertThat(e.getMessage()).isEqualTo("is larger than 256 KiB: too large to be a plan");
        assertThat(BoundedFile.read(big, 300_000, "a plan")).hasSize(300_000);
    }

    @Test
    void readsProcFilesWhoseSizeSaysZero() throws Exception {
        assertThat(Files.size(Path.of("/proc/self/status"))).isZero();
        assertThat(new String(BoundedFile.read(Path.of("/proc/self/status"), 1024 * 1024, "x"))).contains("VmRSS");
    }

    @Test
    void sayWhyInPlainWords() {
        assertThat(catchThrowableOfType(BoundedFile.Refused.class,
                () -> BoundedFile.read(dir.resolve("none"), 10, "x"))).hasMessage("No such file or directory");
        assertThat(catchThrowableOfType(BoundedFile.Refused.class, () -> BoundedFile.read(dir, 10, "x")))
                .hasMessage("is a directory");
    }

    @Test
    void osReasonsNeverNameAJavaClass() {
        assertThat(OsReason.of(new NoSuchFileException("/x"))).isEqualTo("No such file or directory");
        assertThat(OsReason.of(new AccessDeniedException("/x"))).isEqualTo("Permission denied");
        assertThat(OsReason.of(new FileSystemException("/x", null, "Read-only file system"))).isEqualTo("Read-only file system");
        assertThat(OsReason.of(new IOException("No space left on device"))).isEqualTo("No space left on device");
        assertThat(OsReason.of(new IOException("/j/x.journal: No space left on device"))).isEqualTo("No space left on device");
        assertThat(OsReason.of(new IOException("java.nio.channels.ClosedChannelException"))).isEqualTo("input/output error");
        assertThat(OsReason.of(new IOException())).isEqualTo("input/output error");
    }

    @Test
    void sameFileFollowsLinksAndDotSegments() throws Exception {
        Path f = Files.writeString(dir.resolve("inv.yaml"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), f);
        assertThat(BoundedFile.sameFile(dir.resolve("./inv.yaml"), f)).isTrue();
        assertThat(BoundedFile.sameFile(link, f)).isTrue();
        assertThat(BoundedFile.sameFile(dir.resolve("new.yaml"), f)).isFalse();
    }
}
