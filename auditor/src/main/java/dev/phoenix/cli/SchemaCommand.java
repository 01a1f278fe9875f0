package dev.phoenix.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code phoenix schema config|scorecard}: prints the JSON Schema of the config file or of the scorecard. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of the config file or of the scorecard.",
                "Save it and point your editor at it, e.g. with a first line",
                "# yaml-language-server: $schema=phoenix-config.schema.json"})
final class SchemaCommand implements Callable<Integer> {

    enum Which { config, scorecard }

    @picocli.CommandLine.ParentCommand
    PhoenixCommand parent;

    @Parameters(index = "0", paramLabel = "WHICH", description = "config or scorecard")
    Which which;

    static final String CONFIG = "/dev/phoenix/config/phoenix-config.schema.json";
    static final String SCORECARD = "/dev/phoenix/report/scorecard.schema.json";

    @Override
    public Integer call() throws IOException {
        try (InputStream in = SchemaCommand.class.getResourceAsStream(which == Which.config ? CONFIG : SCORECARD)) {
            if (in == null) {
                parent.app.err.println("phoenix: the " + which + " schema is missing from the jar");
                return ExitCode.USAGE;
            }
            parent.app.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return ExitCode.OK;
        }
    }
}
