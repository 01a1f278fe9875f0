package dev.phoenix.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the runnable jar and of {@code ./phoenix}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        configureLogging(args);
        System.exit(run(args, System.out, System.err, System.getenv(), Clock.systemUTC()));
    }

    /** Runs one command and returns its exit code; what tests call. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
        try (App app = new App(out, err, env, clock)) {
            CommandLine cli = new CommandLine(new PhoenixCommand(app));
            cli.setOut(new java.io.PrintWriter(out, true));
            cli.setErr(new java.io.PrintWriter(err, true));
            cli.setCaseInsensitiveEnumValuesAllowed(true);
            cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
                if (e instanceof dev.phoenix.config.ConfigFileException located) {
                    return app.configErrors(located);
                }
                err.println("phoenix: " + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()));
                if (Boolean.parseBoolean(env.getOrDefault("PHOENIX_DEBUG", "false"))) {
                    e.printStackTrace(err);
                }
                return ExitCode.USAGE;
            });
            return cli.execute(args);
        }
    }

    private static void configureLogging(String[] args) {
        long verbosity = Arrays.stream(args).filter(a -> a.matches("-v+")).mapToLong(a -> a.length() - 1).sum()
                + Arrays.stream(args).filter(a -> a.equals("--verbose")).count();
        boolean serve = Arrays.asList(args).contains("serve");
        if (System.getProperty("PHOENIX_LOG_LEVEL") == null && System.getenv("PHOENIX_LOG_LEVEL") == null) {
            // a daemon's log is its output: serve logs at INFO unless told otherwise
            System.setProperty("PHOENIX_LOG_LEVEL", verbosity >= 2 ? "DEBUG" : verbosity == 1 || serve ? "INFO" : "WARN");
        }
        for (int i = 0; i < args.length; i++) {
            String format = args[i].startsWith("--log-format=") ? args[i].substring("--log-format=".length())
                    : args[i].equals("--log-format") && i + 1 < args.length ? args[i + 1] : null;
            if (format != null && System.getProperty("PHOENIX_LOG_FORMAT") == null) {
                System.setProperty("PHOENIX_LOG_FORMAT", format.equals("json") ? "JSON" : "TEXT");
            }
        }
        String env = System.getenv("PHOENIX_LOG_FORMAT");
        if (System.getProperty("PHOENIX_LOG_FORMAT") == null) {
            System.setProperty("PHOENIX_LOG_FORMAT", "json".equalsIgnoreCase(env) ? "JSON" : "TEXT");
        }
    }
}
