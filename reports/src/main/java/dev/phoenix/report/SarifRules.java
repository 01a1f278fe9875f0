package dev.phoenix.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The SARIF rule of each {@link FindingKind} ({@code phoenix/drifted}, ...): a title, the kind's
 * description, what to do about it, its default level and the {@code security-severity} GitHub
 * code scanning sorts by. A rule's index in the driver's rules is its kind's ordinal.
 */
final class SarifRules {

    private SarifRules() {
    }

    /** The driver's rules, one per kind, in the kinds' order. */
    static ArrayNode all() {
        ArrayNode rules = JsonNodeFactory.instance.arrayNode();
        for (FindingKind kind : FindingKind.values()) {
            rules.add(rule(kind));
        }
        return rules;
    }

    static ObjectNode rule(FindingKind kind) {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        rule.put("id", kind.ruleId());
        rule.put("name", pascal(kind));
        rule.putObject("shortDescription").put("text", title(kind));
        rule.putObject("fullDescription").put("text", kind.description());
        rule.putObject("help").put("text", help(kind));
        rule.putObject("defaultConfiguration").put("level", kind.defaultSeverity().sarifLevel());
        ObjectNode properties = rule.putObject("properties");
        properties.put("security-severity", kind.defaultSeverity().securitySeverity());
        properties.put("precision", "very-high");
        properties.putArray("tags").add("phoenix").add(area(kind));
        return rule;
    }

    static String title(FindingKind kind) {
        return switch (kind) {
            case DRIFTED -> "Mutable host drifted from its baseline";
            case MUTATED -> "Immutable member changed in place";
            case UNREACHABLE -> "Member could not be observed";
            case MISSING -> "Member disappeared without a replacement";
            case UNDERSIZED -> "Group below its expected size";
            case UNDISCOVERED -> "Group could not be discovered";
            case DIVERGED -> "Replacement does not reproduce its victim";
            case NONDETERMINISTIC -> "Replacements from one image differ";
            case REPLACEMENT_FAILED -> "Chaos replacement failed";
            case TIMED_OUT -> "Chaos replacement timed out";
            case OBJECTIVE_MISSED -> "Replacement slower than its objective";
            default -> humane(kind);
        };
    }

    static String help(FindingKind kind) {
        return switch (kind) {
            case DRIFTED -> "Put the fact back with your configuration management, or accept the new value into the host's baseline "
                    + "with 'phoenix baseline accept --member ID --by NAME --reason TEXT'.";
            case MUTATED -> "Rebuild the member from its image instead of changing it in place; bake wanted changes into the image.";
            case UNREACHABLE -> "Check the member's probe errors (address, credentials, firewall); nothing was compared for it.";
            case MISSING -> "Find out who removed the member; if it was meant to go, remove it from the inventory.";
            case UNDERSIZED -> "Bring the group back to its expected size, or change expected-members in the config.";
            case UNDISCOVERED -> "Check the group's source (credentials, endpoint, selector); a selector that matches nothing is a finding.";
            case DIVERGED, NONDETERMINISTIC -> "Make the image and its boot reproducible: the diff names the facts that differ.";
            case REPLACEMENT_FAILED, TIMED_OUT -> "Check the provider's events for the victim's replacement (capacity, launch template, health checks).";
            case OBJECTIVE_MISSED -> "Speed up the replacement (image size, boot, health checks) or relax chaos.objectives.";
            default -> kind.description();
        };
    }

    private static String area(FindingKind kind) {
        if (kind.aboutExperiment()) {
            return "reproducibility";
        }
        return kind == FindingKind.UNREACHABLE || kind == FindingKind.UNDISCOVERED ? "coverage" : "consistency";
    }

    /** {@code REPLACEMENT_FAILED} -> {@code ReplacementFailed}. */
    private static String pascal(FindingKind kind) {
        StringBuilder out = new StringBuilder();
        for (String word : kind.name().split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    /** {@code REPLACEMENT_FAILED} -> {@code Replacement failed}. */
    private static String humane(FindingKind kind) {
        String words = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
