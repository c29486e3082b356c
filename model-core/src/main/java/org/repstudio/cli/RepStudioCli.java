package org.repstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line; {@code ./repstudio <subcommand>} lands here. */
@Command(name = "repstudio", mixinStandardHelpOptions = true, version = "RepStudio 0.1.0",
        description = "Structural re-parameterization studio: fuse, verify, train, export and bench designs"
                + " headlessly.",
        footer = {"", "Through the launcher, also:",
                "  ./repstudio                                   opens the editor",
                "  ./repstudio open DESIGN.json                  opens the editor on a design",
                "  ./repstudio collapse DESIGN.json --frames DIR collapse animation as PNGs"},
        subcommands = {FuseCommand.class, VerifyCommand.class, SamplesCommand.class, TrainCommand.class,
                ExportCommand.class, BenchCommand.class, AbCommand.class})
public final class RepStudioCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the CLI and returns its exit code (0 ok, 1 refused or out of tolerance, 2 invalid input). */
    public static int execute(String... args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        CommandLine cli = new CommandLine(new RepStudioCli());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof LoadedDesign.BadInputException || e instanceof IllegalArgumentException) {
                line.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
