package org.repstudio.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repstudio.core.io.Samples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the bundled sample designs, one line each. */
@Command(name = "samples", mixinStandardHelpOptions = true, description = "List the bundled sample designs.")
final class SamplesCommand implements Callable<Integer> {

    @Option(names = "--dir", description = "samples folder; default: samples/ under the RepStudio home")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path folder = dir != null ? dir : Path.of(System.getProperty("repstudio.home", ".")).resolve("samples");
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + ": no samples folder (use --dir)");
        }
        Samples.Listing listing = Samples.scan(folder);
        for (Samples.Entry e : listing.designs()) {
            String expect = e.expect().map(x -> x.jsonName()).orElse("");
            System.out.printf("%-32s %-8s %s%n", "samples/" + e.path(), expect, e.description());
        }
        for (Samples.Skipped s : listing.skipped()) {
            System.err.println("skipped samples/" + s.path() + ": not a design (" + s.reason() + ")");
        }
        return 0;
    }
}
