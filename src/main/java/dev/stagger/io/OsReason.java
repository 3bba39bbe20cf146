package dev.stagger.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/**
 * Why a file operation failed, in the operating system's words ("No space left on device",
 * "Permission denied"), never a Java class name. Java puts the OS reason in
 * {@link FileSystemException#getReason()} for some failures and in the message for others.
 */
public final class OsReason {
    private OsReason() {
    }

    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (e instanceof FileSystemLoopException || e instanceof NotLinkException) {
            return "Too many levels of symbolic links";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "input/output error";
        }
        // "No space left on device", or "/path: Read-only file system": keep the reason, drop the path.
        int colon = message.lastIndexOf(": ");
        String reason = colon >= 0 ? message.substring(colon + 2) : message;
        return reason.toLowerCase(Locale.ROOT).contains("exception") ? "input/output error" : reason;
    }
}
