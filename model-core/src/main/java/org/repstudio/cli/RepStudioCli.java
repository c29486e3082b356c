package org.repstudio.cli;

import org.repstudio.core.io.AppVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The headless command line; {@code ./repstudio <subcommand>} lands here. */
@Command(name = "repstudio", mixinStandardHelpOptions = true, versionProvider = RepStudioCli.Version.class,
        description = "Structural re-parameterization studio: fuse, verify, train, export and bench designs"
                + " headlessly.",
        footer = {"", "Through the launcher, also:",
                "  ./repstudio                                   opens the editor",
                "  ./repstudio open DESIGN.json                  opens the editor on a design",
                "  ./repstudio collapse DESIGN.json --frames DIR collapse animation as PNGs"},
        subcommands = {FuseCommand.class, VerifyCommand.class, SamplesCommand.class, TrainCommand.class,
                ExportCommand.class, BenchCommand.class, ImportCommand.class, ImportWeightsCommand.class,
                QuantCommand.class, AbCommand.class})
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
            if (e instanceof BadInputException || e instanceof IllegalArgumentException) {
                line.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** --version from {@link AppVersion}, the one place the version is kept. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"RepStudio " + AppVersion.CURRENT};
        }
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
