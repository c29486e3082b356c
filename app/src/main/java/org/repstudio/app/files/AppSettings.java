package org.repstudio.app.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.repstudio.core.io.AtomicFiles;

/**
 * The user's settings, kept as a small JSON object in {@code settings.json} of the state folder
 * ({@link AppPaths#state()}). Today one field: {@code allowDownloads} (off unless the user turned it on),
 * which lets DJL fetch its downloadable datasets. Fields this version does not know are kept on save.
 */
public final class AppSettings {

    public static final String FILE_NAME = "settings.json";
    static final String ALLOW_DOWNLOADS = "allowDownloads";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /** Settings in {@code stateDir/settings.json}; nothing is read or written until asked. */
    public AppSettings(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** Whether the user allowed downloads; false when the file is missing or unreadable (the safe side). */
    public boolean allowDownloads() {
        return read().path(ALLOW_DOWNLOADS).asBoolean(false);
    }

    /** Saves the choice: written to a temporary file beside it, then renamed over it, so it is never half-written. */
    public void setAllowDownloads(boolean allow) throws IOException {
        ObjectNode o = read();
        o.put(ALLOW_DOWNLOADS, allow);
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
    }

    private ObjectNode read() {
        if (!Files.isRegularFile(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            return n instanceof ObjectNode o ? o : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode(); // a damaged file means defaults, not a crash; the next save replaces it
        }
    }
}
