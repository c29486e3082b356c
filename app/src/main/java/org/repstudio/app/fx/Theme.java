package org.repstudio.app.fx;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * The light and dark themes. Both are a small file of colour variables ({@code -rs-bg}, {@code -rs-text},
 * ...) in assets/themes, applied on top of base.css, which holds every rule and uses only those variables.
 * The build copies assets/ into the jar, so the stylesheets are read from the class path.
 */
public enum Theme {
    LIGHT("light.css"),
    DARK("dark.css");

    private static final String FOLDER = "/assets/themes/";

    private final String file;

    Theme(String file) {
        this.file = file;
    }

    /** The theme named by the system property {@code repstudio.theme} ("light" or "dark"), light if unset. */
    public static Theme fromSystem() {
        return "dark".equalsIgnoreCase(System.getProperty("repstudio.theme")) ? DARK : LIGHT;
    }

    /**
     * Styles {@code scene} with this theme and records it there, so windows opened from it (or following it)
     * read the theme as a value ({@link #of}) rather than from stylesheet names.
     */
    public void apply(javafx.scene.Scene scene) {
        scene.getProperties().put(Theme.class, this);
        scene.getStylesheets().setAll(stylesheets());
    }

    /** The theme last applied to {@code scene}; the system's when none was. */
    public static Theme of(javafx.scene.Scene scene) {
        return scene != null && scene.getProperties().get(Theme.class) instanceof Theme t ? t : fromSystem();
    }

    /** URLs of base.css and this theme's colours, in the order a scene needs them. */
    public List<String> stylesheets() {
        List<String> urls = new ArrayList<>(2);
        for (String name : List.of("base.css", file)) {
            URL url = Theme.class.getResource(FOLDER + name);
            if (url == null) {
                System.err.println("RepStudio: theme file assets/themes/" + name
                        + " is not on the class path; rebuild with: mvn -DskipTests package");
            } else {
                urls.add(url.toExternalForm());
            }
        }
        return urls;
    }
}
