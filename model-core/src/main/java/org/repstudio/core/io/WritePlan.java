package org.repstudio.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files one command reads and the files it will write, checked together before any work: no output
 * may be a file the command reads (design, weights sidecar, data), no two outputs may be one file, and
 * every output's folder must exist and take a new file. Paths are compared as the files they reach
 * (symbolic links followed, hard links by file identity), so "./d.json", "d.json" and a link to it are
 * one file. Every command states its plan here, so the rule lives in one place.
 */
public final class WritePlan {

    private record Entry(String role, Path path) {
    }

    private final List<Entry> reads = new ArrayList<>();
    private final List<Entry> writes = new ArrayList<>();

    /** A file the command reads; {@code role} names it in messages ("the design d.json"). */
    public WritePlan reads(String role, Path path) {
        reads.add(new Entry(role, path));
        return this;
    }

    /** A file the command reads, if there is one. */
    public WritePlan reads(String role, Optional<Path> path) {
        path.ifPresent(p -> reads(role, p));
        return this;
    }

    /** A file the command will write; {@code role} is how the user named it ("-o", "--trace"). */
    public WritePlan writes(String role, Path path) {
        writes.add(new Entry(role, path));
        return this;
    }

    /** Every problem, in the order the outputs were given. */
    public List<PathProblem> problems() {
        Map<Object, String> readKeys = new LinkedHashMap<>();
        for (Entry r : reads) {
            readKeys.putIfAbsent(identity(r.path()), r.role());
        }
        Map<Object, String> writeKeys = new LinkedHashMap<>();
        List<PathProblem> problems = new ArrayList<>();
        for (Entry w : writes) {
            Object key = identity(w.path());
            String input = readKeys.get(key);
            String earlier = writeKeys.putIfAbsent(key, w.role());
            if (input != null) {
                problems.add(new PathProblem(w.role(), w.path(), PathProblem.Kind.OVERWRITES_INPUT, input));
            } else if (earlier != null) {
                problems.add(new PathProblem(w.role(), w.path(), PathProblem.Kind.SAME_AS_OTHER_OUTPUT, earlier));
            } else {
                location(w).ifPresent(problems::add);
            }
        }
        return problems;
    }

    /** Throws when any output may not be written; call it before the work starts. */
    public void require() throws UnsafeOutputException {
        List<PathProblem> problems = problems();
        if (!problems.isEmpty()) {
            throw new UnsafeOutputException(problems);
        }
    }

    /** Whether a file can be created (or replaced) at the output's path. Nothing is written to find out. */
    private static Optional<PathProblem> location(Entry w) {
        Path target = w.path().toAbsolutePath();
        Path folder = target.getParent();
        PathProblem.Kind kind = null;
        if (folder == null || Files.isDirectory(target)) {
            kind = PathProblem.Kind.IS_A_FOLDER;
        } else if (!Files.exists(folder)) {
            kind = PathProblem.Kind.NO_FOLDER;
        } else if (!Files.isDirectory(folder)) {
            kind = PathProblem.Kind.PARENT_NOT_A_FOLDER;
        } else if (!Files.isWritable(folder)) {
            kind = PathProblem.Kind.FOLDER_NOT_WRITABLE;
        } else if (Files.exists(target) && !Files.isWritable(target)) {
            kind = PathProblem.Kind.FILE_NOT_WRITABLE;
        }
        return Optional.ofNullable(kind).map(k -> new PathProblem(w.role(), w.path(), k, null));
    }

    /**
     * What makes two paths the same file: an existing file's identity (device and inode where the file
     * system has them), else the real path of its folder plus its name.
     */
    static Object identity(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute)) {
                Object key = Files.readAttributes(absolute, BasicFileAttributes.class).fileKey();
                return key != null ? key : absolute.toRealPath();
            }
            Path folder = absolute.getParent();
            if (folder != null && Files.exists(folder)) {
                return folder.toRealPath().resolve(absolute.getFileName());
            }
        } catch (IOException e) {
            // unreadable attributes: fall back to the spelled path
        }
        return absolute;
    }
}
