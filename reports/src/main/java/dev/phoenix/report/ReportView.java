package dev.phoenix.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the exporters show of one scorecard, worked out once: its findings most severe first
 * ({@link Findings#MOST_SEVERE_FIRST}), the names people use next to member ids, which findings are
 * new since the previous run, and how a waiver reads. Exporters format; this decides the wording
 * they share.
 *
 * <pre>{@code
 * ReportView view = ReportView.of(scorecard);
 * view.who("i-0abc")                   // "billing-api (i-0abc)"
 * view.since(view.findings().get(0))   // Since.NEW
 * }</pre>
 */
final class ReportView {

    /** Where a finding stands against the previous run. */
    enum Since {
        NEW("new"), STILL_OPEN("still open");

        private final String label;

        Since(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private final Scorecard scorecard;
    private final List<Finding> findings;
    private final Map<String, String> names = new HashMap<>();
    private final Set<String> newIds;
    private final Set<String> stillOpenIds;

    private ReportView(Scorecard scorecard) {
        this.scorecard = scorecard;
        this.findings = scorecard.findings().stream().sorted(Findings.MOST_SEVERE_FIRST).toList();
        for (MemberResult m : scorecard.members()) {
            names.putIfAbsent(m.id(), m.name());
        }
        Scorecard.Comparison c = scorecard.comparison();
        this.newIds = c == null ? Set.of() : new HashSet<>(c.newFindings());
        this.stillOpenIds = c == null ? Set.of() : new HashSet<>(c.stillOpen());
    }

    static ReportView of(Scorecard scorecard) {
        return new ReportView(scorecard);
    }

    Scorecard scorecard() {
        return scorecard;
    }

    /** Every finding, most severe first. */
    List<Finding> findings() {
        return findings;
    }

    /** A member as people read it: {@code name (id)}, or the id alone when it is its own name; "" for none. */
    String who(String memberId) {
        if (memberId == null) {
            return "";
        }
        return label(names.getOrDefault(memberId, memberId), memberId);
    }

    /** The name of a member of this run, its id when it has none or is not a member (a chaos victim). */
    String nameOf(String memberId) {
        return names.getOrDefault(memberId, memberId);
    }

    /** The member of a finding as {@link #who(String)} reads it; "" for a group-wide finding. */
    String who(Finding f) {
        return f.member() == null ? "" : label(name(f), f.member());
    }

    /** The member's name alone (its id when it has none); "" for a group-wide finding. */
    String name(Finding f) {
        if (f.member() == null) {
            return "";
        }
        return f.name() == null || f.name().equals(f.member()) ? names.getOrDefault(f.member(), f.member()) : f.name();
    }

    private static String label(String name, String id) {
        return name.equals(id) ? id : name + " (" + id + ")";
    }

    /** New or still open since the previous run; null when there was no previous run to compare with. */
    Since since(Finding f) {
        if (scorecard.comparison() == null) {
            return null;
        }
        return newIds.contains(f.id()) ? Since.NEW : stillOpenIds.contains(f.id()) ? Since.STILL_OPEN : null;
    }

    /** The findings the comparison calls new, most severe first. */
    List<Finding> newFindings() {
        return findings.stream().filter(f -> newIds.contains(f.id())).toList();
    }

    /** The previous run's findings this run no longer has, most severe first. */
    List<Finding> resolved() {
        Scorecard.Comparison c = scorecard.comparison();
        return c == null ? List.of() : c.resolved().stream().sorted(Findings.MOST_SEVERE_FIRST).toList();
    }

    long waivedCount() {
        return findings.stream().filter(Finding::waived).count();
    }

    /** How many of {@code some} findings there are of each kind, in the kinds' order. */
    static Map<FindingKind, Long> byKind(List<Finding> some) {
        return some.stream().collect(Collectors.groupingBy(Finding::kind, () -> new EnumMap<>(FindingKind.class), Collectors.counting()));
    }

    /** How many of {@code some} findings each group has, by group name. */
    static Map<String, Long> byGroup(List<Finding> some) {
        return some.stream().collect(Collectors.groupingBy(Finding::group, TreeMap::new, Collectors.counting()));
    }

    /** {@code 3 DRIFTED, 1 MISSING}: counts in one line, the largest first. */
    static <K> String counts(Map<K, Long> counts, Function<K, String> label) {
        List<Map.Entry<K, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<K, Long>comparingByValue().reversed());
        return entries.stream().map(e -> e.getValue() + " " + label.apply(e.getKey())).collect(Collectors.joining(", "));
    }

    /**
     * How a finding's waiver reads: {@code waived by alice until 2026-12-31: capacity test}, or for
     * one that has expired {@code waiver expired since 2026-11-02 (held until 2026-11-01, by bob: ...)};
     * "" without a waiver.
     */
    static String waiver(Finding.Waiver w) {
        if (w == null) {
            return "";
        }
        String by = w.by() == null ? "" : " by " + w.by();
        String why = w.justification() == null ? "" : ": " + w.justification();
        if (w.expired()) {
            return "waiver expired" + (w.expires() == null ? "" : " since " + expiredSince(w.expires())) + " (held"
                    + (w.expires() == null ? "" : " until " + w.expires()) + (by.isEmpty() ? "" : "," + by) + why + ")";
        }
        return "waived" + by + (w.expires() == null ? "" : " until " + w.expires()) + why;
    }

    /** The first day a waiver no longer holds ({@code expires} is the last day it does). */
    static LocalDate expiredSince(LocalDate expires) {
        return expires.plusDays(1);
    }

    /** {@code expected -> actual} of a finding with a fact, {@code (none)} for a missing side; "" without a fact. */
    static String change(Finding f) {
        if (f.fact() == null) {
            return "";
        }
        return value(f.expected()) + " -> " + value(f.actual());
    }

    static String value(String v) {
        return v == null ? "(none)" : v;
    }

    /** At most {@code max} characters of {@code s}, with an ellipsis when cut. */
    static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "\u2026";
    }
}
