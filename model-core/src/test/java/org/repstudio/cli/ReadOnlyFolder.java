package org.repstudio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;

/**
 * A folder no file can be created in, also for root (who ignores mode bits): mode r-x, and where that
 * is not enough the immutable attribute ({@code chattr +i}). {@link #close()} makes it writable again so
 * the test's temporary folder can be deleted.
 */
final class ReadOnlyFolder implements AutoCloseable {

    private final Path dir;
    private boolean immutable;

    private ReadOnlyFolder(Path dir) {
        this.dir = dir;
    }

    /** Makes {@code dir} read-only; skips the test where this machine cannot. */
    static ReadOnlyFolder make(Path dir) throws IOException, InterruptedException {
        ReadOnlyFolder f = new ReadOnlyFolder(dir);
        f.lock();
        return f;
    }

    void lock() throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (Files.isWritable(dir)) {
            immutable = chattr("+i") && !Files.isWritable(dir);
            Assumptions.assumeTrue(immutable, "cannot make a folder read-only for this user");
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (immutable) {
            chattr("-i");
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private boolean chattr(String flag) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false; // no chattr on this machine
        }
    }
}
