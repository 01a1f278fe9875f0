package dev.phoenix.aws;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one set of clients talks to: an account (by assuming its role) and a region, or the
 * credentials' own account in a region.
 *
 * <pre>{@code
 * AwsTarget own = AwsTarget.own("us-east-1");
 * AwsTarget other = AwsTarget.of(account, "eu-west-1");   // AssumeRole into account.role()
 * }</pre>
 *
 * @param account the account entry whose role is assumed; empty for the credentials' own account
 * @param region  the region
 */
public record AwsTarget(Optional<AwsAccount> account, String region) {

    public AwsTarget {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
    }

    public static AwsTarget own(String region) {
        return new AwsTarget(Optional.empty(), region);
    }

    public static AwsTarget of(AwsAccount account, String region) {
        return new AwsTarget(Optional.of(account), region);
    }

    /** The account id, when it is known from the config (not for the credentials' own account). */
    public Optional<String> accountId() {
        return account.map(AwsAccount::id);
    }

    /** {@code account 222222222222 eu-west-1} or {@code us-east-1}, for messages. */
    public String describe() {
        return account.map(a -> "account " + a.id() + " " + region).orElse(region);
    }

    /** What clients are shared by, with the settings' own key. */
    String key() {
        return region + "|" + account.map(a -> a.role() + "|" + a.externalId().orElse("") + "|" + a.sessionName()).orElse("");
    }
}
