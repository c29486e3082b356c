package org.repstudio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file under a folder with its bytes and modification time, to show that a command created,
 * changed or removed nothing: {@code assertEquals(before, FolderSnapshot.of(dir))}.
 */
record FolderSnapshot(Map<String, FileState> files) {

    /** One file's content and modification time; equal only when both are. */
    record FileState(byte[] bytes, FileTime modified, String mode) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FileState f && Arrays.equals(bytes, f.bytes) && modified.equals(f.modified)
                    && mode.equals(f.mode);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return bytes.length + " bytes, modified " + modified + ", mode " + mode;
        }
    }

    static FolderSnapshot of(Path dir) throws IOException {
        Map<String, FileState> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(dir.relativize(p).toString(), state(p));
                }
            }
        }
        return new FolderSnapshot(files);
    }

    static FileState state(Path file) throws IOException {
        return new FileState(Files.readAllBytes(file), Files.getLastModifiedTime(file),
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
