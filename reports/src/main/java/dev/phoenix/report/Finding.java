package dev.phoenix.report;

import dev.phoenix.model.Change;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One thing in a run that someone should act on: a drifted fact, a mutated member, a diverged
 * replacement, a missing member. What every exporter lists, what gates count and what waivers
 * match; derived once from the scorecard ({@link Findings#derive}).
 *
 * @param id       stable across runs for the same kind, group, member and fact (SARIF's partial
 *                 fingerprint, and how {@code phoenix diff} tells new from still open)
 * @param member   the member's id (a chaos finding names its victim); null for a group-wide finding
 * @param name     the name people use for the member; null for a group-wide finding
 * @param fact     the fact at fault, or null when the finding is about the member as a whole
 * @param message  one line, for people
 * @param waiver   the waiver that matched, or null; {@link #waived()} only while it has not expired
 */
public record Finding(String id, FindingKind kind, Severity severity, String group, String member, String name, String account,
                      String region, String fact, String expected, String actual, Change change, String message, Waiver waiver) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(message, "message");
    }

    /** Whether an unexpired waiver accepts this finding: it then counts toward no gate and no score. */
    public boolean waived() {
        return waiver != null && !waiver.expired();
    }

    /**
     * What the finding is about, one string per member, experiment or group-wide kind
     * ({@code "member hosts db-1"}, {@code "chaos web i-0abc"}, {@code "group api UNDERSIZED"}):
     * what finding counts and scores go by.
     */
    public String subject() {
        if (kind.aboutExperiment()) {
            return "chaos " + group + " " + member;
        }
        return kind.aboutGroup() ? "group " + group + " " + kind : "member " + group + " " + member;
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(id, kind, newSeverity, group, member, name, account, region, fact, expected, actual, change, message, waiver);
    }

    public Finding withWaiver(Waiver newWaiver) {
        return new Finding(id, kind, severity, group, member, name, account, region, fact, expected, actual, change, message, newWaiver);
    }

    /**
     * The waiver that matched a finding.
     *
     * @param expires the last day it holds (ISO date)
     * @param expired true when {@code expires} has passed: the finding counts again
     */
    public record Waiver(String justification, String by, LocalDate expires, boolean expired) {
    }
}
