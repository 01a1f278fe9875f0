package dev.phoenix.aws;

import dev.phoenix.spi.HttpUrl;
import dev.phoenix.spi.Settings;
import dev.phoenix.spi.TargetPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider-wide {@code aws:} section of the config, with the AWS environment variables as
 * fallbacks: where to send requests and as whom.
 *
 * <pre>{@code
 * aws: {region: us-east-1, endpoint: http://127.0.0.1:4566, profile: audit, max-attempts: 5, timeout: 30s}
 * }</pre>
 *
 * <p>Precedence: the config, then {@code AWS_ENDPOINT_URL}, {@code AWS_REGION} /
 * {@code AWS_DEFAULT_REGION} and {@code AWS_PROFILE} from the environment, then {@code us-east-1}
 * and the default credential chain. S3 (the {@code s3://} store) goes to {@code aws.endpoint},
 * else {@code AWS_ENDPOINT_URL_S3}, else {@code AWS_ENDPOINT_URL}.
 *
 * @param region      the region every client talks to
 * @param endpoint    an endpoint override (an emulator such as LocalStack or moto), if any
 * @param profile     a named profile of {@code ~/.aws/config} for credentials, if any
 * @param maxAttempts attempts per API call, the first included; throttling and 5xx answers are retried with backoff
 * @param timeout     deadline for one API call, retries included
 * @param s3Endpoint  the endpoint override for S3, if any
 * @param accounts     accounts audited by assuming a role in each ({@code aws.accounts}); empty: the credentials' own account
 * @param organization the accounts of an AWS Organization, listed through its API ({@code aws.organization}), if any
 * @param maxInFlight  API calls in flight at once per account and region ({@code aws.max-in-flight}), so that one
 *                     account's throttling does not slow the others
 */
public record AwsSettings(String region, Optional<URI> endpoint, Optional<String> profile, int maxAttempts, Duration timeout,
                          Optional<URI> s3Endpoint, List<AwsAccount> accounts, Optional<AwsOrganization> organization,
                          int maxInFlight) {

    public static final List<String> KEYS = List.of("region", "endpoint", "profile", "max-attempts", "timeout", "accounts",
            "organization", "max-in-flight");
    static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("[a-z0-9-]{1,40}");
    /** Default of {@code aws.max-in-flight}. */
    static final int MAX_IN_FLIGHT = 32;

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        accounts = List.copyOf(accounts);
        Objects.requireNonNull(organization, "organization");
    }

    /** Settings for the credentials' own account, whose S3 requests go where all others go. */
    public AwsSettings(String region, Optional<URI> endpoint, Optional<String> profile, int maxAttempts, Duration timeout) {
        this(region, endpoint, profile, maxAttempts, timeout, endpoint);
    }

    /** Settings for the credentials' own account. */
    public AwsSettings(String region, Optional<URI> endpoint, Optional<String> profile, int maxAttempts, Duration timeout,
                       Optional<URI> s3Endpoint) {
        this(region, endpoint, profile, maxAttempts, timeout, s3Endpoint, List.of(), Optional.empty(), MAX_IN_FLIGHT);
    }

    /** Whether other accounts than the credentials' own are audited ({@code aws.accounts} or {@code aws.organization}). */
    public boolean multiAccount() {
        return !accounts.isEmpty() || organization.isPresent();
    }

    /** Reads the {@code aws:} section of a whole config {@code root}, falling back to {@code env}. */
    public static AwsSettings from(Settings root, Map<String, String> env) {
        return parse(root.child("aws"), env);
    }

    /** Reads an {@code aws:} section (a null node when the config has none), falling back to {@code env}. */
    public static AwsSettings parse(Settings s, Map<String, String> env) {
        if (!s.isNull() && !s.isMap()) {
            throw s.error("expected a map such as {region: us-east-1, endpoint: http://127.0.0.1:4566}");
        }
        s.requireKeys(KEYS);
        String region = s.optionalString("region")
                .or(() -> nonBlank(env.get("AWS_REGION")))
                .or(() -> nonBlank(env.get("AWS_DEFAULT_REGION")))
                .orElse("us-east-1");
        if (!REGION.matcher(region).matches()) {
            throw s.child("region").error("expected a region such as us-east-1, found '" + region + "'");
        }
        Optional<URI> endpoint;
        Optional<URI> s3Endpoint;
        if (s.has("endpoint")) {
            endpoint = Optional.of(endpoint(s.string("endpoint"), s.child("endpoint").path()));
            s3Endpoint = endpoint;
        } else {
            endpoint = nonBlank(env.get("AWS_ENDPOINT_URL")).map(e -> endpoint(e, "AWS_ENDPOINT_URL (environment)"));
            s3Endpoint = nonBlank(env.get("AWS_ENDPOINT_URL_S3")).map(e -> endpoint(e, "AWS_ENDPOINT_URL_S3 (environment)"))
                    .or(() -> endpoint);
        }
        Optional<String> profile = s.optionalString("profile").or(() -> nonBlank(env.get("AWS_PROFILE")));
        Duration timeout = s.duration("timeout", Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ofHours(1));
        List<AwsAccount> accounts = new java.util.ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Settings a : s.list("accounts")) {
            AwsAccount account = AwsAccount.parse(a, region);
            if (!ids.add(account.id())) {
                throw a.child("id").error("account " + account.id() + " is listed twice");
            }
            accounts.add(account);
        }
        Optional<AwsOrganization> organization = s.has("organization")
                ? Optional.of(AwsOrganization.parse(s.child("organization"), region)) : Optional.empty();
        return new AwsSettings(region, endpoint, profile, s.integer("max-attempts", 5, 1, 20), timeout, s3Endpoint, accounts,
                organization, s.integer("max-in-flight", MAX_IN_FLIGHT, 1, 1024));
    }

    /** The configured entry for account {@code id}, if any. */
    public Optional<AwsAccount> account(String id) {
        return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Whether requests go to an endpoint on 127.0.0.0/8 (an emulator on this machine). */
    public boolean loopbackEndpoint() {
        return endpoint.map(e -> TargetPolicy.isLoopback(e.getHost())).orElse(false);
    }

    /** Whether S3 requests go to an endpoint on 127.0.0.0/8. */
    public boolean loopbackS3Endpoint() {
        return s3Endpoint.map(e -> TargetPolicy.isLoopback(e.getHost())).orElse(false);
    }

    /** {@code region us-east-1 at http://127.0.0.1:4566} or {@code region eu-west-1}, for messages. */
    public String describe() {
        return "region " + region + endpoint.map(e -> " at " + e).orElse("")
                + (s3Endpoint.equals(endpoint) ? "" : s3Endpoint.map(e -> ", S3 at " + e).orElse(", S3 on AWS"))
                + profile.map(p -> " (profile " + p + ")").orElse("");
    }

    /** What clients are shared by: two groups in the same region, endpoint and profile use the same clients. */
    String key() {
        return region + "|" + endpoint.map(URI::toString).orElse("") + "|" + s3Endpoint.map(URI::toString).orElse("") + "|"
                + profile.orElse("") + "|" + maxAttempts + "|" + timeout + "|" + maxInFlight;
    }

    private static URI endpoint(String text, String path) {
        return HttpUrl.parse(text, path, " such as http://127.0.0.1:4566");
    }

    private static Optional<String> nonBlank(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
