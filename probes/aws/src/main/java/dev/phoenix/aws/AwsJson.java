package dev.phoenix.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phoenix.json.Json;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Shared;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The AWS JSON protocol (1.0 and 1.1) for the services Phoenix calls without an SDK client of
 * theirs, signed with the SDK's SigV4 signer and the credentials every other client uses.
 * CloudWatch: the SDK's own client speaks only Smithy RPC v2 CBOR, which LocalStack-compatible
 * emulators (moto among them) do not; AWS answers JSON 1.0 as well, so one protocol serves both.
 * Organizations: ListAccounts is the one call Phoenix needs, so it goes without a client module.
 *
 * <pre>{@code
 * AwsJson.cloudWatch(ctx, settings).call("DescribeAlarms", Map.of("AlarmNames", List.of("web-5xx")))
 *        .onSuccess(body -> body.path("MetricAlarms"));
 * AwsJson.organizations(ctx, settings).call("ListAccounts", Map.of()).onSuccess(body -> body.path("Accounts"));
 * }</pre>
 */
final class AwsJson {

    private final AwsClients aws;
    private final HttpClient http;
    private final URI endpoint;
    private final String contentType;
    private final String target;
    private final String signingName;
    private final String signingRegion;
    private final java.time.Duration timeout;

    private AwsJson(AwsClients aws, HttpClient http, URI endpoint, String version, String target, String signingName,
                    String signingRegion) {
        this.aws = aws;
        this.http = http;
        this.endpoint = endpoint;
        this.contentType = "application/x-amz-json-" + version;
        this.target = target;
        this.signingName = signingName;
        this.signingRegion = signingRegion;
        this.timeout = aws.settings().timeout();
    }

    /** CloudWatch in the region of {@code settings}, as the credentials' own account. */
    static AwsJson cloudWatch(ProviderContext ctx, AwsSettings settings) {
        URI endpoint = settings.endpoint().orElse(URI.create("https://monitoring." + settings.region() + ".amazonaws.com/"));
        return new AwsJson(AwsClients.shared(ctx, settings), http(ctx), endpoint, "1.0", "GraniteServiceVersion20100801.",
                "monitoring", settings.region());
    }

    /** Organizations (a global service, signed for us-east-1), as the credentials' own account: the management account's. */
    static AwsJson organizations(ProviderContext ctx, AwsSettings settings) {
        return organizations(ctx, settings, AwsTarget.own(settings.region()));
    }

    /** Organizations as the account of {@code target} (its assumed role). */
    static AwsJson organizations(ProviderContext ctx, AwsSettings settings, AwsTarget target) {
        URI endpoint = settings.endpoint().orElse(URI.create("https://organizations.us-east-1.amazonaws.com/"));
        return new AwsJson(AwsClients.shared(ctx, settings, target), http(ctx), endpoint, "1.1", "AWSOrganizationsV20161128.",
                "organizations", "us-east-1");
    }

    private static HttpClient http(ProviderContext ctx) {
        return ctx.shared().get(Client.class, () -> new Client(ctx.vertx().createHttpClient(new HttpClientOptions()
                .setSsl(true).setTrustAll(false).setVerifyHost(true)))).http;
    }

    /** One call: the operation's JSON answer, or a failed future naming the operation and AWS's error. */
    Future<JsonNode> call(String operation, Map<String, Object> input) {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(input);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Future.failedFuture(e);
        }
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
                .putHeader("Content-Type", contentType)
                .putHeader("X-Amz-Target", target + operation)
                .build();
        return Future.fromCompletionStage(aws.credentials().resolveIdentity())
                .map(identity -> (SignedRequest) AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion)))
                .compose(signed -> send(operation, signed, body));
    }

    private Future<JsonNode> send(String operation, SignedRequest signed, byte[] body) {
        URI uri = signed.request().getUri();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .setTimeout(timeout.toMillis());
        signed.request().forEachHeader((name, values) -> values.forEach(v -> options.addHeader(name, v)));
        return http.request(options)
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b)))
                .recover(e -> Future.failedFuture(operation + " at " + endpoint + ": " + Errors.message(Errors.root(e))))
                .compose(a -> {
                    JsonNode json;
                    try {
                        json = a.body().length() == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(a.body().getBytes());
                    } catch (java.io.IOException e) {
                        return Future.failedFuture(operation + " answered HTTP " + a.status() + " with no JSON: "
                                + Errors.firstLine(a.body().toString(StandardCharsets.UTF_8)));
                    }
                    if (a.status() / 100 != 2) {
                        String type = json.path("__type").asText("").replaceAll(".*#", "");
                        return Future.failedFuture(new Failure(operation, a.status(), type.isEmpty() ? null : type,
                                json.path("message").asText(json.path("Message").asText("")).trim()));
                    }
                    return Future.succeededFuture(json);
                });
    }

    private record Answer(int status, Buffer body) {
    }

    /** The service answered with an error: its HTTP status and AWS's error code as fields. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Failure(String operation, int status, String code, String message) {
            super(operation + " failed: HTTP " + status + (code == null ? "" : " " + code) + " " + message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** The HTTP client of JSON-protocol calls, closed with the context's shared clients. */
    private static final class Client implements Shared.Resource {
        final HttpClient http;

        Client(HttpClient http) {
            this.http = http;
        }

        @Override
        public Future<Void> close() {
            return http.close();
        }
    }
}
