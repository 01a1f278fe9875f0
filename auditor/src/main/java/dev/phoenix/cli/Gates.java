package dev.phoenix.cli;

import dev.phoenix.audit.AuditOutcome;
import dev.phoenix.config.ReportSettings;
import dev.phoenix.report.FindingKind;
import dev.phoenix.report.Scorecard;
import dev.phoenix.score.Gate;
import dev.phoenix.spi.Settings;
import java.util.ArrayList;
import java.util.List;

/** What {@code audit} and {@code report} share about gates: options read the same way, one line when a gate fails. */
final class Gates {

    private Gates() {
    }

    /** {@code --format "json, html"}: names trimmed, empty ones dropped; null stays null (the config's formats). */
    static List<String> formats(List<String> names) {
        return names == null ? null : names.stream().map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    /** {@code --fail-on}: kinds by name, trimmed; null when not given. */
    static List<FindingKind> kinds(List<String> names) {
        if (names == null) {
            return null;
        }
        List<FindingKind> out = new ArrayList<>();
        for (String n : names) {
            if (!n.isBlank()) {
                out.add(ReportSettings.kind(Settings.of("--fail-on", n.trim())));
            }
        }
        return out;
    }

    /** Whether {@code --fail-under} is a score (0-100) or absent; says why not on stderr. */
    static boolean validFailUnder(App app, Integer failUnder) {
        if (failUnder != null && (failUnder < 0 || failUnder > 100)) {
            app.err.println("phoenix: --fail-under must be between 0 and 100");
            return false;
        }
        return true;
    }

    /** The exit code of an audit, saying on stderr which gate rule failed and why. */
    static int exit(App app, AuditOutcome outcome, Gate gate, boolean plain) {
        int code = ExitCode.of(outcome, gate, plain);
        if (outcome.configErrors().isEmpty() && outcome.unreachable().isEmpty()) {
            say(app, outcome.scorecard(), gate, plain);
        }
        return code;
    }

    /** The exit code of a stored scorecard, with the same line. */
    static int exit(App app, Scorecard card, Gate gate, boolean plain) {
        say(app, card, gate, plain);
        return ExitCode.of(card, gate, plain);
    }

    private static void say(App app, Scorecard card, Gate gate, boolean plain) {
        gate.failure(card).ifPresent(why -> app.err.println("phoenix: gate failed: " + why + " (exit "
                + (plain ? ExitCode.FINDINGS : ExitCode.GATE) + ")"));
    }
}
