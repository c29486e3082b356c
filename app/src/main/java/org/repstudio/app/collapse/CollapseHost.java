package org.repstudio.app.collapse;

import java.nio.file.Path;
import javafx.beans.property.ReadOnlyObjectProperty;
import org.repstudio.app.editor.EditorViewModel;
import org.repstudio.core.io.DesignFile;

/** What collapse mode needs from the window around it: the design being edited, its file and a status line. */
public interface CollapseHost {

    /** The editor whose design collapses, and which takes the bias-padding fix as an edit. */
    EditorViewModel editor();

    /** The design as it would be saved now. */
    DesignFile design();

    /** The design's file; null while never saved. */
    ReadOnlyObjectProperty<Path> fileProperty();

    /** Shows a line in the status bar. */
    void say(String message);
}
