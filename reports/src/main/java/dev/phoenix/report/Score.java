package dev.phoenix.report;

/**
 * Scores from 0 to 100, computed as the README describes:
 *
 * <ul>
 *   <li>{@code consistency}: share of reachable members that are CONSISTENT or BASELINED;</li>
 *   <li>{@code reproducibility}: share of chaos experiments that ran and REPRODUCED; null when none ran;</li>
 *   <li>{@code coverage}: share of members whose probes all succeeded;</li>
 *   <li>{@code overall}: 0.5 consistency + 0.3 reproducibility + 0.2 coverage, weights renormalised when
 *       reproducibility is null;</li>
 *   <li>{@code grade}: A at 90 and above, B 80, C 70, D 60, F below.</li>
 * </ul>
 *
 * Shares are rounded down, so a single finding never rounds up to 100.
 */
public record Score(Integer overall, Integer consistency, Integer reproducibility, Integer coverage, String grade) {

    public static String grade(int overall) {
        if (overall >= 90) {
            return "A";
        }
        if (overall >= 80) {
            return "B";
        }
        if (overall >= 70) {
            return "C";
        }
        if (overall >= 60) {
            return "D";
        }
        return "F";
    }
}
