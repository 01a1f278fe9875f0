package dev.phoenix.cli;

import dev.phoenix.audit.AuditEngine;
import dev.phoenix.audit.GroupRuntime;
import dev.phoenix.baseline.BaselineStore;
import dev.phoenix.chaos.ChaosExecutor;
import dev.phoenix.chaos.ChaosLedger;
import dev.phoenix.chaos.ChaosRun;
import dev.phoenix.chaos.Guards;
import dev.phoenix.chaos.KillSwitch;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One audit of a loaded config, as {@code audit}, {@code demo} and {@code serve} run it. */
final class AuditRun {

    private AuditRun() {
    }

    /**
     * One run: with its kill switch ({@link #killSwitch}), and for {@code serve} a run id chosen
     * before it starts and a cut that ends it early (shutdown deadline); both null otherwise.
     *
     * @param chaos   include the chaos phase
     * @param unleash the user passed {@code --unleash}; chaos still only injects when the config enables it
     */
    static Future<AuditEngine.Outcome> execute(App app, PhoenixConfig config, List<GroupRuntime> groups, ProviderContext ctx,
                                               BaselineStore store, ChaosLedger ledger, KillSwitch killSwitch, boolean chaos,
                                               boolean unleash, java.util.function.BiConsumer<Integer, Integer> progress,
                                               String runId, Future<Void> cut) {
        ChaosExecutor executor = executor(config, chaos, unleash);
        AuditEngine engine = new AuditEngine(ctx, store);
        AuditEngine.Options options = new AuditEngine.Options(chaos, executor.dryRun(), config.probing().concurrency(),
                config.probing().loops(), config.probing().timeout(), progress);
        return app.onContext(() -> engine.run(runId, groups, options, prober ->
                new ChaosRun(ctx, config.chaos(), executor, ledger, killSwitch, Guards.standard(), prober, store), cut));
    }

    /**
     * The one place the leash is decided: the real executor only for a chaos run with {@code --unleash}
     * and {@code chaos.enabled}, else its do-nothing twin. The scorecard's mode and the {@code unleashed}
     * guard follow the executor ({@link ChaosExecutor#dryRun()}).
     */
    static ChaosExecutor executor(PhoenixConfig config, boolean chaos, boolean unleash) {
        return chaos && unleash && config.chaos().enabled() ? ChaosExecutor.unleashed() : ChaosExecutor.leashed();
    }

    /**
     * The kill switch of a config: {@code chaos.kill-switch.file} (relative to the config file;
     * default {@code <store>/chaos/STOP} for a directory store) and {@code chaos.kill-switch.env}.
     * With chaos enabled and no file (an S3 store, {@code storeDir} empty, and none configured) it
     * warns that only the variable and the API can stop chaos.
     */
    static KillSwitch killSwitch(App app, PhoenixConfig config, ProviderContext ctx, Optional<Path> storeDir) {
        String configured = config.chaos().killSwitchFile();
        String file = !configured.isEmpty() ? config.baseDir().resolve(configured).toString()
                : storeDir.map(d -> d.resolve("chaos").resolve("STOP").toString()).orElse("");
        if (file.isEmpty() && config.chaos().enabled()) {
            app.err.println("warning: no kill-switch file: the store " + config.store() + " is not a directory and "
                    + "chaos.kill-switch.file is not set; only " + config.chaos().killSwitchEnv()
                    + " (and serve's POST /api/chaos/stop) can stop chaos");
        }
        return new KillSwitch(ctx.vertx(), file, config.chaos().killSwitchEnv(), app.env);
    }

    /** Closes every group's fleet (servers, clients); best effort. */
    static void closeAll(List<GroupRuntime> groups) {
        for (GroupRuntime g : groups) {
            try {
                App.await(g.fleet().close().otherwise((Void) null));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The exit code for an outcome: 2 config errors, 3 unreachable providers, 1 findings or a low score, else 0. */
    static int exitCode(AuditEngine.Outcome outcome, Integer failUnder) {
        if (!outcome.configErrors().isEmpty()) {
            return ExitCode.USAGE;
        }
        if (!outcome.unreachable().isEmpty()) {
            return ExitCode.UNREACHABLE;
        }
        boolean low = failUnder != null && outcome.scorecard().score().overall() != null
                && outcome.scorecard().score().overall() < failUnder;
        return outcome.scorecard().findings() > 0 || low ? ExitCode.FINDINGS : ExitCode.OK;
    }
}
