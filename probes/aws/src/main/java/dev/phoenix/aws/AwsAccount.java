package dev.phoenix.aws;

import dev.phoenix.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code aws.accounts}: an account Phoenix audits by assuming a role in it, and the
 * regions it audits there.
 *
 * <pre>{@code
 * aws:
 *   accounts:
 *     - {id: "222222222222", role: "arn:aws:iam::222222222222:role/PhoenixAudit", regions: [eu-west-1, us-east-1]}
 *     - {id: "333333333333", role: "arn:aws:iam::333333333333:role/PhoenixAudit", external-id: "...", regions: [us-west-2]}
 * }</pre>
 *
 * @param id          the twelve-digit account id
 * @param role        the ARN of the role to assume in it
 * @param externalId  the external id the role's trust policy asks for, if any
 * @param sessionName the role session name (CloudTrail shows it); default {@code phoenix}
 * @param regions     the regions to audit; default the {@code aws.region}
 */
public record AwsAccount(String id, String role, Optional<String> externalId, String sessionName, List<String> regions) {

    public static final List<String> KEYS = List.of("id", "role", "external-id", "session-name", "regions");
    static final String DEFAULT_SESSION = "phoenix";

    public AwsAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(sessionName, "sessionName");
        regions = List.copyOf(regions);
    }

    /** One element of {@code aws.accounts}; {@code region} is the {@code aws.region}, for an entry with no regions. */
    static AwsAccount parse(Settings s, String region) {
        if (!s.isMap()) {
            throw s.error("expected a map such as {id: \"222222222222\", role: \"arn:aws:iam::222222222222:role/PhoenixAudit\"}");
        }
        s.requireKeys(KEYS);
        String id = accountId(s.child("id"), s.string("id"));
        String role = s.string("role");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("arn:aws[a-z-]*:iam::([0-9]{12}):role/[\\w+=,.@/-]{1,512}")
                .matcher(role);
        if (!m.matches()) {
            throw s.child("role").error("expected a role ARN such as arn:aws:iam::" + id + ":role/PhoenixAudit, found '" + role + "'");
        }
        if (!m.group(1).equals(id)) {
            throw s.child("role").error("the role is in account " + m.group(1) + ", not in account " + id);
        }
        Optional<String> externalId = s.optionalString("external-id");
        if (externalId.isPresent() && !externalId.get().matches("[\\w+=,.@:/-]{2,1224}")) {
            throw s.child("external-id").error("expected 2 to 1224 letters, digits or +=,.@:/-");
        }
        return new AwsAccount(id, role, externalId, sessionName(s), regions(s, region));
    }

    static String accountId(Settings where, String id) {
        if (!id.matches("[0-9]{12}")) {
            throw where.error("expected a twelve-digit account id in quotes such as \"222222222222\", found '" + id + "'");
        }
        return id;
    }

    static String sessionName(Settings s) {
        String name = s.string("session-name", DEFAULT_SESSION);
        if (!name.matches("[\\w+=,.@-]{2,64}")) {
            throw s.child("session-name").error("expected 2 to 64 letters, digits or +=,.@-, found '" + name + "'");
        }
        return name;
    }

    /** The {@code regions} of {@code s}, each checked; {@code fallback} alone when it has none. */
    static List<String> regions(Settings s, String fallback) {
        if (!s.has("regions")) {
            return List.of(fallback);
        }
        List<String> regions = new ArrayList<>();
        for (String r : s.strings("regions")) {
            if (!AwsSettings.REGION.matcher(r).matches()) {
                throw s.child("regions").error("expected regions such as eu-west-1, found '" + r + "'");
            }
            if (regions.contains(r)) {
                throw s.child("regions").error("region " + r + " is listed twice");
            }
            regions.add(r);
        }
        if (regions.isEmpty()) {
            throw s.child("regions").error("expected at least one region");
        }
        return regions;
    }
}
