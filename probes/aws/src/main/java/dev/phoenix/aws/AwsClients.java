package dev.phoenix.aws;

import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Shared;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientAsyncConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;

/**
 * The AWS SDK v2 async clients (EC2, Auto Scaling, SSM, S3) for one region, endpoint and profile,
 * shared by every fleet and probe of a context that uses the same settings and closed with the
 * context's shared clients ({@link ProviderContext#shared()}). Calls are bridged to Vert.x futures on the caller's context.
 *
 * <pre>{@code
 * AwsClients aws = AwsClients.shared(ctx, spec.sections().get(AwsSettings.class));
 * aws.call(c -> c.ec2().describeInstances(r -> r.instanceIds(id)))
 *    .onSuccess(resp -> ...);                       // completes on the caller's Vert.x context
 * }</pre>
 *
 * <p>All clients share one Netty-based HTTP client (on the same Netty as Vert.x) with a small
 * event loop of its own. The S3 client is created on first use; against an endpoint override it
 * uses path-style addressing and computes and checks checksums only where S3 requires them, as
 * emulators and S3-compatible stores expect. Throttling and 5xx answers are retried with the
 * SDK's standard retry strategy (exponential backoff with jitter). Credentials come from the
 * default chain (or the configured profile); against an emulator on loopback, where any key is
 * accepted, the chain stops before the instance-metadata lookup and falls back to the dummy key
 * {@code test}, so that nothing is ever sent to 169.254.169.254. Keys are never logged. Closing
 * (with Vert.x) happens on a thread of its own, never on an event loop.
 */
public final class AwsClients implements Shared.Resource {

    private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);

    private final Vertx vertx;
    private final AwsSettings settings;
    private final AwsTarget target;
    private final dev.phoenix.probe.InFlightLimiter limiter;
    private final software.amazon.awssdk.services.sts.StsClient sts;
    private Future<Void> ready;
    private final io.netty.channel.EventLoopGroup eventLoop;
    private final SdkAsyncHttpClient http;
    private final Ec2AsyncClient ec2;
    private final AutoScalingAsyncClient autoScaling;
    private final SsmAsyncClient ssm;
    private final AwsCredentialsProvider credentials;
    private final AwsCredentialsProvider s3Credentials;
    private S3AsyncClient s3;
    private boolean closed;

    private AwsClients(Vertx vertx, AwsSettings settings, AwsTarget target, Map<String, String> env) {
        this.vertx = vertx;
        this.settings = settings;
        this.target = target;
        this.limiter = new dev.phoenix.probe.InFlightLimiter(settings.maxInFlight());
        // our own small event loop, so that closing does not wait for the SDK's graceful two-second quiet period
        // (a NioEventLoopGroup: the SDK recognises no other group type, although Netty 4.2 deprecates it)
        this.eventLoop = nioEventLoop();
        this.http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(SdkEventLoopGroup.create(eventLoop))
                .connectionTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .maxConcurrency(64)
                .build();
        AwsCredentialsProvider base = credentials(settings.loopbackEndpoint(), settings, env);
        AwsCredentialsProvider credentials = base;
        if (target.account().isPresent()) {
            this.sts = AssumedRole.stsClient(settings, target.region(), base);
            credentials = AssumedRole.provider(sts, target.account().get());
        } else {
            this.sts = null;
        }
        this.ec2 = configure(Ec2AsyncClient.builder(), credentials, settings.endpoint()).build();
        this.autoScaling = configure(AutoScalingAsyncClient.builder(), credentials, settings.endpoint()).build();
        this.ssm = configure(SsmAsyncClient.builder(), credentials, settings.endpoint()).build();
        this.credentials = credentials;
        this.s3Credentials = settings.loopbackS3Endpoint() == settings.loopbackEndpoint() || target.account().isPresent()
                ? credentials : credentials(settings.loopbackS3Endpoint(), settings, env);
        LOG.debug("AWS clients created for {} ({})", settings.describe(), target.describe());
    }

    @SuppressWarnings("deprecation")
    private static io.netty.channel.EventLoopGroup nioEventLoop() {
        return new io.netty.channel.nio.NioEventLoopGroup(2, new io.netty.util.concurrent.DefaultThreadFactory("phoenix-aws", true));
    }

    /** The clients for {@code settings}, created on first use and closed with the context's shared clients. */
    public static AwsClients shared(ProviderContext ctx, AwsSettings settings) {
        return shared(ctx, settings, AwsTarget.own(settings.region()));
    }

    /**
     * The clients for one account and region of {@code settings} (one set per account and region,
     * each with its own bound on calls in flight), created on first use and closed with the
     * context's shared clients.
     */
    public static AwsClients shared(ProviderContext ctx, AwsSettings settings, AwsTarget target) {
        String key = target.equals(AwsTarget.own(settings.region())) ? "aws:" + settings.key()
                : "aws:" + settings.key() + "|" + target.key();
        return ctx.shared().get(key, () -> new AwsClients(ctx.vertx(), settings, target, ctx.env()));
    }

    public AwsSettings settings() {
        return settings;
    }

    /** The account and region these clients talk to. */
    public AwsTarget target() {
        return target;
    }

    /**
     * Completes once these clients have credentials: for an assumed role, after the first
     * AssumeRole (on a worker thread: the SDK's provider blocks), failing with an
     * {@link AssumeRoleException} that carries AWS's error code when the role cannot be assumed.
     * The answer is kept: later calls refresh the credentials in the background before they expire.
     */
    public synchronized Future<Void> ready() {
        if (ready == null) {
            ready = target.account().isEmpty() ? Future.succeededFuture()
                    : vertx.<Void>executeBlocking(() -> {
                        credentials.resolveCredentials();
                        return null;
                    }, false).recover(e -> Future.failedFuture(new AssumeRoleException(target, Errors.unwrap(e))));
        }
        return ready;
    }

    public Ec2AsyncClient ec2() {
        return ec2;
    }

    public AutoScalingAsyncClient autoScaling() {
        return autoScaling;
    }

    public SsmAsyncClient ssm() {
        return ssm;
    }

    /** The credentials every client signs with, for a request Phoenix signs itself ({@link AwsJson}). */
    AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** The S3 client, created on first use. */
    public synchronized S3AsyncClient s3() {
        if (closed) {
            throw new IllegalStateException("the AWS clients for " + settings.describe() + " are closed");
        }
        if (s3 == null) {
            S3AsyncClientBuilder builder = configure(S3AsyncClient.builder(), s3Credentials, settings.s3Endpoint())
                    // emulators (and S3-compatible stores) do not all speak the newer default checksums
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            if (settings.s3Endpoint().isPresent()) {
                builder.forcePathStyle(true); // emulators serve no virtual-hosted bucket names
            }
            s3 = builder.build();
        }
        return s3;
    }

    /**
     * Runs one SDK call and completes on the caller's Vert.x context. A call that throws
     * instead of returning a failed future gives a failed future all the same.
     */
    public <T> Future<T> call(Function<AwsClients, CompletableFuture<T>> call) {
        io.vertx.core.Context context = vertx.getOrCreateContext();
        return limiter.submit(() -> {
            CompletableFuture<T> cf;
            try {
                cf = call.apply(this);
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
            return Future.fromCompletionStage(cf, context)
                    .recover(e -> Future.failedFuture(Errors.unwrap(e)));
        });
    }

    /** Calls in flight now through these clients. */
    int inFlight() {
        return limiter.inFlight();
    }

    /** Closes the clients on a thread of its own (the SDK's close may wait). */
    @Override
    public Future<Void> close() {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        S3AsyncClient s3Client;
        synchronized (this) {
            closed = true;
            s3Client = s3;
        }
        Thread closer = new Thread(() -> {
            try {
                ec2.close();
                autoScaling.close();
                ssm.close();
                if (s3Client != null) {
                    s3Client.close();
                }
                http.close();
                if (sts != null) {
                    sts.close();
                }
            } catch (RuntimeException e) {
                LOG.warn("closing the AWS clients for {}: {}", settings.describe(), Errors.message(e));
            }
            eventLoop.shutdownGracefully(0, 500, java.util.concurrent.TimeUnit.MILLISECONDS).addListener(f -> {
                LOG.debug("AWS clients closed for {}", settings.describe());
                done.complete();
            });
        }, "phoenix-aws-close");
        closer.setDaemon(true);
        closer.start();
        return done.future();
    }

    @Override
    public String toString() {
        return "the AWS clients for " + settings.describe() + " (" + target.describe() + ")";
    }

    private <B extends AwsAsyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> B configure(B builder,
                                                                                            AwsCredentialsProvider credentials,
                                                                                            Optional<URI> endpoint) {
        builder.httpClient(http)
                .region(Region.of(target.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts()).build())
                        .apiCallTimeout(settings.timeout())
                        .build())
                // completions only hop to a Vert.x context, so they may run on the SDK's I/O thread
                .asyncConfiguration(ClientAsyncConfiguration.builder()
                        .advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, Runnable::run)
                        .build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    static AwsCredentialsProvider credentials(AwsSettings settings, Map<String, String> env) {
        return credentials(settings.loopbackEndpoint(), settings, env);
    }

    /** @param loopback the client talks to an emulator on this machine */
    private static AwsCredentialsProvider credentials(boolean loopback, AwsSettings settings, Map<String, String> env) {
        if (!loopback) {
            DefaultCredentialsProvider.Builder b = DefaultCredentialsProvider.builder();
            settings.profile().ifPresent(b::profileName);
            return b.build();
        }
        // An emulator on this machine: the usual sources, but never the instance-metadata service.
        AwsCredentialsProviderChain.Builder chain = AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true);
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
            String token = env.get("AWS_SESSION_TOKEN");
            chain.addCredentialsProvider(StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? AwsBasicCredentials.create(key, secret) : AwsSessionCredentials.create(key, secret, token)));
        }
        chain.addCredentialsProvider(SystemPropertyCredentialsProvider.create());
        settings.profile().ifPresent(p -> chain.addCredentialsProvider(ProfileCredentialsProvider.create(p)));
        chain.addCredentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        return chain.build();
    }
}
