package dev.phoenix.audit;

import dev.phoenix.report.ChaosResult;
import io.vertx.core.Future;
import java.util.List;

/**
 * The chaos phase of one run, as the audit sees it: given the audited groups, terminate and judge
 * what the guardrails allow. The audit depends on this interface only; {@code dev.phoenix.chaos}
 * implements it.
 *
 * <pre>{@code
 * engine.run(runId, groups, options, prober -> new ChaosRun(...), cut)   // built with the run's prober
 * }</pre>
 */
public interface ChaosPhase {

    /** Runs the experiments, one at a time; never fails for an experiment's sake (a failure is a verdict). */
    Future<List<ChaosResult>> run(List<GroupAudit> audits);

    /** No termination starts after this call (a shutdown cut); one already requested runs to its end. */
    void stop(String reason);

    /** The experiments finished so far, and one still in flight as TIMED_OUT: what a run cut short reports. */
    List<ChaosResult> resultsSoFar();
}
