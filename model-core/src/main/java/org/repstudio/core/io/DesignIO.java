package org.repstudio.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.repstudio.core.graph.Problem;
import org.repstudio.core.graph.Weights;

/**
 * Reads and writes design files ({@code *.json}, format "repstudio-design", version 1; see
 * docs/format.md). Every format problem comes out as a {@link DesignFormatException} naming the file
 * and the place; saves are atomic, so an interrupted save keeps the previous file.
 */
public final class DesignIO {

    private DesignIO() {
    }

    /** Reads a design file; messages name the file by its file name. */
    public static DesignFile read(Path path) throws IOException {
        return parse(readText(path), fileName(path));
    }

    /** Parses design-file text; {@code sourceName} starts every error message (usually the file name). */
    public static DesignFile parse(String json, String sourceName) throws DesignFormatException {
        return DesignReader.parse(json, sourceName);
    }

    /** The canonical text of a design: header fields, then one node per line. */
    public static String toJson(DesignFile design) {
        return DesignWriter.toJson(design);
    }

    /** Saves atomically: the old file stays untouched unless the new one is completely written. */
    public static void write(Path path, DesignFile design) throws IOException {
        AtomicFiles.write(path, toJson(design).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Loads the weights sidecar the design names (resolved next to {@code designPath}) and checks every
     * tensor against the parameter shapes the graph needs. Empty when the design names no sidecar.
     *
     * @throws DesignFormatException if the sidecar is malformed or does not fit the graph
     */
    public static Optional<Weights> readWeights(Path designPath, DesignFile design) throws IOException {
        Optional<Path> named = sidecar(designPath, design);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Path sidecar = named.get();
        Weights w = WeightsIO.read(sidecar);
        List<Problem> problems = WeightsIO.check(design.graph(), w);
        if (!problems.isEmpty()) {
            throw new DesignFormatException(fileName(sidecar) + " does not fit " + fileName(designPath) + ": "
                    + WeightsIO.summarize(problems));
        }
        return Optional.of(w);
    }

    /** The weights sidecar the design names, resolved next to {@code designPath}; empty when it names none. */
    public static Optional<Path> sidecar(Path designPath, DesignFile design) {
        return design.weights().map(name -> designPath.toAbsolutePath().resolveSibling(name));
    }

    static String fileName(Path p) {
        Path name = p.getFileName();
        return name == null ? p.toString() : name.toString();
    }

    /** UTF-8 text of a file (a leading byte-order mark is dropped); a missing file is said plainly. */
    private static String readText(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such design file");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new DesignFormatException(fileName(path) + ": not UTF-8 text", e);
        }
    }
}
