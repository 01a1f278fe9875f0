package dev.phoenix.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Credentials for an account of {@code aws.accounts} or {@code aws.organization}: the SDK's
 * {@link StsAssumeRoleCredentialsProvider}, which assumes the role with the credentials' own
 * identity and, once it has a session, refreshes it on a thread of its own before it expires
 * (the SDK's prefetch: five minutes ahead), so that a long audit never signs with an expired key.
 *
 * <pre>{@code
 * StsClient sts = AssumedRole.stsClient(settings, "eu-west-1", ownCredentials);
 * AwsCredentialsProvider creds = AssumedRole.provider(sts, account);   // first resolve blocks: call it on a worker
 * }</pre>
 *
 * <p>The SDK's provider needs a synchronous STS client; it uses the JDK's URL connection (no
 * second Netty, no Apache client) and is only ever called from a worker thread or the SDK's own
 * refresh thread, never from an event loop ({@link AwsClients#ready()}).
 */
final class AssumedRole {

    /** How long one session lasts; the SDK refreshes it ahead of that. */
    static final Duration SESSION = Duration.ofHours(1);

    private AssumedRole() {
    }

    static StsClient stsClient(AwsSettings settings, String region, AwsCredentialsProvider own) {
        var builder = StsClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)).build())
                .region(Region.of(region))
                .credentialsProvider(own)
                .overrideConfiguration(o -> o.apiCallTimeout(settings.timeout())
                        .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts()).build()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    static AwsCredentialsProvider provider(StsClient sts, AwsAccount account) {
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .asyncCredentialUpdateEnabled(true)
                .refreshRequest(r -> {
                    r.roleArn(account.role()).roleSessionName(account.sessionName())
                            .durationSeconds((int) SESSION.toSeconds());
                    account.externalId().ifPresent(r::externalId);
                })
                .build();
    }
}
