package dev.phoenix.aws;

import dev.phoenix.spi.Settings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code aws.organization}: audit every active account of the AWS Organization the credentials
 * belong to (listed with the Organizations API's ListAccounts), assuming the same role in each.
 *
 * <pre>{@code
 * aws:
 *   organization: {role-name: PhoenixAudit, regions: [us-east-1], exclude: ["444444444444"]}
 * }</pre>
 *
 * <p>An account also listed in {@code aws.accounts} is audited as that entry says.
 *
 * @param roleName    the role assumed in every account: {@code arn:aws:iam::<account>:role/<role-name>}
 * @param externalId  the external id the role's trust policy asks for, if any
 * @param sessionName the role session name; default {@code phoenix}
 * @param regions     the regions audited in every account; default the {@code aws.region}
 * @param include     only these accounts, when not empty
 * @param exclude     never these accounts
 */
public record AwsOrganization(String roleName, Optional<String> externalId, String sessionName, List<String> regions,
                              List<String> include, List<String> exclude) {

    public static final List<String> KEYS = List.of("role-name", "external-id", "session-name", "regions", "include", "exclude");

    public AwsOrganization {
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(sessionName, "sessionName");
        regions = List.copyOf(regions);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    static AwsOrganization parse(Settings s, String region) {
        if (!s.isMap()) {
            throw s.error("expected a map such as {role-name: PhoenixAudit, regions: [us-east-1]}");
        }
        s.requireKeys(KEYS);
        String roleName = s.string("role-name");
        if (!roleName.matches("[\\w+=,.@-]{1,64}")) {
            throw s.child("role-name").error("expected a role name such as PhoenixAudit, found '" + roleName + "'");
        }
        Optional<String> externalId = s.optionalString("external-id");
        List<String> include = ids(s, "include");
        List<String> exclude = ids(s, "exclude");
        for (String id : include) {
            if (exclude.contains(id)) {
                throw s.child("exclude").error("account " + id + " is both included and excluded");
            }
        }
        return new AwsOrganization(roleName, externalId, AwsAccount.sessionName(s), AwsAccount.regions(s, region), include, exclude);
    }

    private static List<String> ids(Settings s, String key) {
        List<String> ids = s.strings(key);
        for (String id : ids) {
            AwsAccount.accountId(s.child(key), id);
        }
        return ids;
    }

    /** Whether the account {@code id} is audited, by the include and exclude lists. */
    public boolean audits(String id) {
        return !exclude.contains(id) && (include.isEmpty() || include.contains(id));
    }

    /** The entry that audits a listed account. */
    AwsAccount account(String id) {
        return new AwsAccount(id, "arn:aws:iam::" + id + ":role/" + roleName, externalId, sessionName, regions);
    }
}
