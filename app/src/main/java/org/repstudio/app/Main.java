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

    /** slf4j-simple's level for DJL's CUDA probe, unless the user set one (-D...=warn brings it back). */
    static final String CUDA_PROBE_LOG = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

    /**
     * The engines shipped are CPU builds (CUDA builds of libtorch are not on Maven Central), yet DJL probes
     * the CUDA driver twice as an engine starts and, on a machine with a CUDA runtime but no usable driver,
     * logs the same "failed to detect GPU count" warning both times. The device the engine found is in the
     * status bar and the device lists; the probe's warnings are only shown when asked for.
     */
    static void quietCudaProbe() {
        if (System.getProperty(CUDA_PROBE_LOG) == null) {
            System.setProperty(CUDA_PROBE_LOG, "error");
        }
    }

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        quietCudaProbe();
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
