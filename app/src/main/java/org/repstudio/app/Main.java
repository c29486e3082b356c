package org.repstudio.app;

import java.nio.file.Path;
import org.repstudio.cli.RepStudioCli;

/**
 * The program's entry point. With no arguments it starts the editor, with {@code open FILE.json} the
 * editor on that file; anything else is a headless CLI command and never touches JavaFX. Not an
 * {@code Application} subclass, so JavaFX can be used from the class path.
 */
public final class Main {

    private Main() {
    }

    /** What the arguments ask for. */
    enum Mode { EDITOR, CLI, COLLAPSE_FRAMES, USAGE_ERROR }

    /** The parsed request: a mode and, for the editor, the file to open (null for none). */
    record Request(Mode mode, Path file) {
        static Request of(String... args) {
            if (args.length == 0) {
                return new Request(Mode.EDITOR, null);
            }
            if (args[0].equals("open")) {
                return args.length == 2 ? new Request(Mode.EDITOR, Path.of(args[1]))
                        : new Request(Mode.USAGE_ERROR, null);
            }
            if (args[0].equals("collapse")) { // renders with JavaFX, so it is not a model-core command
                return new Request(Mode.COLLAPSE_FRAMES, null);
            }
            return new Request(Mode.CLI, null);
        }
    }

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Request request = Request.of(args);
        switch (request.mode()) {
            case EDITOR -> GuiLauncher.launch(request.file());
            case CLI -> System.exit(RepStudioCli.execute(args));
            case COLLAPSE_FRAMES -> System.exit(org.repstudio.app.collapse.CollapseFramesCommand.run(
                    java.util.Arrays.copyOfRange(args, 1, args.length)));
            default -> {
                System.err.println("Usage: repstudio open FILE.json");
                System.exit(2);
            }
        }
    }
}
