package dev.phoenix.report;

/**
 * A legitimate change of what a group (or a mutable host) is built from: a new AMI, launch
 * template version or image. Reported instead of drift; baselines were re-captured.
 *
 * @param member the host, for a mutable host's rollout; null for a whole group
 * @param from   the provenance of the previous baseline
 * @param to     the new provenance
 */
public record Rollout(String group, String member, String from, String to) {
}
