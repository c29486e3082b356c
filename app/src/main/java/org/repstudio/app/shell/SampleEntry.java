package org.repstudio.app.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What File ▸ Samples says about a sample: its file (as a label), its method and its one-line
 * description, read from the design file's header fields (the graph is not parsed).
 */
public record SampleEntry(Path file, String label, String method, String description) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The entry of {@code file}; a file that cannot be read shows its label and why. */
    public static SampleEntry of(Path file, String label) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            return new SampleEntry(file, label, n.path("method").asText(""), n.path("description").asText(""));
        } catch (IOException | RuntimeException e) {
            return new SampleEntry(file, label, "", "unreadable: " + e.getMessage());
        }
    }

    /** "repvgg-s1 · RepVGG", or the label alone when the sample names no method. */
    public String title() {
        return method.isBlank() ? label : label + "  ·  " + method;
    }
}
