package dev.phoenix.store;

import dev.phoenix.spi.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Builds the S3 client for an {@code s3://} store from the config's {@code aws:} section and the
 * environment: {@code aws.region} (else {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, us-east-1),
 * {@code aws.endpoint} (else {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}); with an endpoint,
 * path-style addressing, as emulators need. Credentials come from {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY} in the environment Phoenix was given, else the SDK's default chain.
 */
public final class S3Clients {

    private S3Clients() {
    }

    /** The region and endpoint an {@code s3://} store uses; endpoint null for AWS itself. */
    public record Target(String region, URI endpoint) {
    }

    public static Target target(Settings aws, Map<String, String> env) {
        String region = aws.string("region", env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1")));
        String endpoint = aws.optionalString("endpoint")
                .orElse(env.getOrDefault("AWS_ENDPOINT_URL_S3", env.getOrDefault("AWS_ENDPOINT_URL", "")));
        URI uri = null;
        if (!endpoint.isBlank()) {
            try {
                uri = URI.create(endpoint.trim());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("expected http(s)://host:port");
                }
            } catch (IllegalArgumentException e) {
                throw aws.child("endpoint").error("invalid endpoint '" + endpoint + "': " + e.getMessage());
            }
        }
        return new Target(region, uri);
    }

    public static S3AsyncClient create(Target target, Map<String, String> env) {
        var builder = S3AsyncClient.builder()
                .region(Region.of(target.region()))
                .credentialsProvider(credentials(env))
                // emulators (and S3-compatible stores) do not all speak the newer default checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(32)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(2)));
        if (target.endpoint() != null) {
            builder.endpointOverride(target.endpoint()).forcePathStyle(true);
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
            String session = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(session == null || session.isBlank()
                    ? AwsBasicCredentials.create(key, secret) : AwsSessionCredentials.create(key, secret, session));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
